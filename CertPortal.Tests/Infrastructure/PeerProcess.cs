using System.Diagnostics;

namespace CertPortal.Tests.Infrastructure;

/// <summary>A real program from a Debian package, started for a test on loopback ports and killed afterwards.</summary>
public sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly CapturedOutput _output;

    private PeerProcess(Process process) => (_process, _output) = (process, CapturedOutput.Of(process));

    /// <summary>What the program printed so far, for failure messages.</summary>
    public string Output => _output.ToString();

    public bool HasExited => _process.HasExited;

    public static PeerProcess Start(string program, IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        if (!File.Exists(program))
            throw new InvalidOperationException($"{program} is missing: install its Debian package (CertPortal.Tests/run-tests.sh does).");
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory ?? "" };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        return new PeerProcess(Process.Start(info)!);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5_000);
        }
        _process.Dispose();
    }
}
