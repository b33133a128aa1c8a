using System.Diagnostics;
using System.Net.Sockets;

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

    /// <summary>CPU time the program used so far (its own, not its children's), for a benchmark's cost per request.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

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

    /// <summary>Waits until the program accepts TCP on a loopback port; fails with its output (and <paramref name="log"/>) when it exits or takes too long.</summary>
    public async Task WaitUntilListeningAsync(int port, Func<string>? log = null, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await AcceptsAsync(port))
        {
            if (HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"{_process.StartInfo.FileName} did not listen on {port}:\n{Output}\n{log?.Invoke()}");
            await Task.Delay(100);
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// SIGTERM, and up to <paramref name="wait"/> for the program to end by itself. Unlike the tree kill of
    /// <see cref="Dispose"/>, which stops (SIGSTOP) every process of the tree before it kills them, nothing is left
    /// stopped when the test host ends half-way through it.
    /// </summary>
    public bool Terminate(TimeSpan wait)
    {
        if (_process.HasExited)
            return true;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        return _process.WaitForExit(wait);
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
