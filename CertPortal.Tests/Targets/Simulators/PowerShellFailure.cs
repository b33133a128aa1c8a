namespace CertPortal.Tests.Targets.Simulators;

/// <summary>
/// A terminating error as Windows PowerShell prints it (with $ErrorActionPreference = 'Stop'). <see cref="Unsupported"/>
/// marks what the simulator does not know, so the test fails loudly when the connector sends something undocumented.
/// </summary>
public sealed class PowerShellFailure(string message, bool unsupported = false) : Exception(message)
{
    public bool Unsupported => unsupported;

    /// <summary>The message, then the position and the offending line, as the console shows them.</summary>
    public string Render(int lineNumber, string line) =>
        $"{Message}\r\nAt line:{lineNumber} char:1\r\n+ {line}\r\n+ {new string('~', Math.Min(line.Length, 60))}\r\n" +
        "    + CategoryInfo          : NotSpecified: (:) [], Exception\r\n    + FullyQualifiedErrorId : System.Exception\r\n";
}
