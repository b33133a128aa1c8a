using System.Text;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// A straight-line PowerShell script as one command line for Windows OpenSSH. The default shell there is cmd.exe
/// (or whatever DefaultShell names), so the script goes base64 of UTF-16LE in -EncodedCommand: no shell ever parses
/// its quotes (learn.microsoft.com openssh_server_configuration).
/// </summary>
internal sealed class PowerShellCommand
{
    public const string Program = "powershell.exe";

    // Stop turns every error into a terminating one, so the exit code is 1; no progress records clutter stderr.
    private static readonly string[] Preamble = ["$ErrorActionPreference = 'Stop'", "$ProgressPreference = 'SilentlyContinue'"];

    private readonly IReadOnlyList<string> _lines;

    public PowerShellCommand(params string[] lines) => _lines = [.. Preamble, .. lines];

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>What the SSH exec channel runs; it holds the script's arguments, so it is never logged.</summary>
    public string CommandLine =>
        $"{Program} -NoProfile -NonInteractive -EncodedCommand {Convert.ToBase64String(Encoding.Unicode.GetBytes(string.Join("\r\n", _lines)))}";

    /// <summary>
    /// A literal single-quoted string: nothing inside is expanded. PowerShell also takes the typographic single quotes
    /// (U+2018..U+201B) as quote marks, so those are doubled like the ASCII one.
    /// </summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder("'");
        foreach (var c in value)
        {
            if (char.IsControl(c))
                throw new TargetException("A value sent to PowerShell contains a control character.");
            quoted.Append(c);
            if (c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B')
                quoted.Append(c);
        }
        return quoted.Append('\'').ToString();
    }
}
