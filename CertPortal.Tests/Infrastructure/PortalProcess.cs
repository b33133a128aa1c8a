using System.Diagnostics;
using System.Net.Http.Headers;

namespace CertPortal.Tests.Infrastructure;

/// <summary>
/// The real portal binary as its own process on a loopback port: for measurements a test host would distort, and for
/// what only a real process shows (kill -9 and a restart on the same data folder).
/// </summary>
public sealed class PortalProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _app;
    private readonly string _dataPath;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly CapturedOutput _output;

    private PortalProcess(Process process, string app, string dataPath, string baseUrl, IReadOnlyDictionary<string, string> environment) =>
        (_process, _app, _dataPath, BaseUrl, _output, _environment) = (process, app, dataPath, baseUrl, CapturedOutput.Of(process), environment);

    public string BaseUrl { get; }

    public string DataPath => _dataPath;

    public TimeSpan StartupTime { get; private set; }

    /// <summary>What the portal logged so far, for failure messages.</summary>
    public string Output => _output.ToString();

    /// <summary>
    /// Starts <paramref name="app"/> (default: the CertPortal.dll built beside these tests) and waits until it is healthy.
    /// A restart passes the same <paramref name="port"/> so clients keep their address, as a real service's would.
    /// </summary>
    public static async Task<PortalProcess> StartAsync(string dataPath, string adminEmail, IReadOnlyDictionary<string, string>? environment = null,
        string? app = null, int? port = null)
    {
        app ??= PortalCli.Binary;
        environment ??= new Dictionary<string, string>();
        var baseUrl = $"http://127.0.0.1:{port ?? FreePort.Next()}";
        var info = Info(app, dataPath, environment, []);
        info.Environment["ASPNETCORE_URLS"] = baseUrl;
        info.Environment["CertPortal__Bootstrap__AdminEmail"] = adminEmail;
        info.Environment["CertPortal__Bootstrap__AdminPassword"] = TestPasswords.Default;
        var clock = Stopwatch.StartNew();
        var portal = new PortalProcess(Process.Start(info)!, app, dataPath, baseUrl, environment);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        // Generous: a cold start with migrations on 2 cores shared with other test classes can take most of a minute.
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            try
            {
                if ((await http.GetAsync(baseUrl + "/api/v1/health")).IsSuccessStatusCode)
                {
                    portal.StartupTime = clock.Elapsed;
                    return portal;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or listening but still starting (a loaded machine answers the first call late).
            }
            if (portal._process.HasExited)
                throw new InvalidOperationException($"The portal exited with {portal._process.ExitCode} before it was healthy:\n{portal.Output}");
            await Task.Delay(20);
        }
        portal.Dispose();
        throw new TimeoutException($"The portal was not healthy within 120 s:\n{portal.Output}");
    }

    /// <summary>
    /// A command of the same binary on the same data and settings (while the portal runs: SQLite in WAL mode allows it).
    /// </summary>
    public async Task<string> RunCommandAsync(params string[] args)
    {
        using var process = Process.Start(Info(_app, _dataPath, _environment, args))!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? stdout : throw new InvalidOperationException($"{args[0]} exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
    }

    /// <summary>An API client with a fresh token of <paramref name="role"/>, made by <c>create-api-token</c> as an operator would.</summary>
    public async Task<HttpClient> ApiClientAsync(string role = "technician")
    {
        var token = (await RunCommandAsync("create-api-token", "--name", $"{role}-{Guid.NewGuid():N}"[..20], "--role", role)).Trim();
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, whatever was in flight is cut off.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGSTOP: the process is frozen as a suspended VM would be, its timers and connections untouched.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT: a paused process goes on where it stopped, unaware of the time that passed.</summary>
    public void Resume() => Signal("CONT");

    private void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, _process.Id.ToString()]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
            throw new InvalidOperationException($"kill -{name} {_process.Id} failed with exit code {kill.ExitCode}.");
    }

    /// <summary>
    /// Waits until the portal's start-up work (planner statistics, the jobs' first runs) is done: under 5% of one core
    /// over a second, at most <paramref name="limit"/>. Returns how long it waited, for a benchmark to report.
    /// </summary>
    public async Task<TimeSpan> WaitUntilQuietAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var busy = CpuTime();
        while (clock.Elapsed < limit)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = CpuTime();
            if (now - busy < TimeSpan.FromMilliseconds(50))
                break;
            busy = now;
        }
        return clock.Elapsed;
    }

    private TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public double ResidentMegabytes(string field = "VmRSS")
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    /// <summary>VmRSS split into anonymous (heaps, JIT) and file-backed (mapped assemblies, shareable) pages.</summary>
    public string ResidentBreakdown() =>
        $"{ResidentMegabytes():F0} MB = {ResidentMegabytes("RssAnon"):F0} MB anonymous + {ResidentMegabytes("RssFile"):F0} MB file-backed + {ResidentMegabytes("RssShmem"):F0} MB shared";

    /// <param name="environment">The test's own settings, over those of the lane (e.g. a database shared by two instances).</param>
    private static ProcessStartInfo Info(string app, string dataPath, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(app);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["CertPortal__DataPath"] = dataPath;
        TestDatabase.AddTo(info.Environment, dataPath);
        // The Docker image's runtime settings (Dockerfile ENV), so benchmarks measure the portal as it is shipped.
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_GCgen0size"] = "0x1000000";
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        return info;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}
