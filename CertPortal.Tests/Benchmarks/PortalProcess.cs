using System.Diagnostics;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Benchmarks;

/// <summary>The published portal as its own process on a loopback port, for measurements a test host would distort.</summary>
internal sealed class PortalProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _app;
    private readonly string _dataPath;

    private PortalProcess(Process process, string app, string dataPath, string baseUrl, TimeSpan startupTime)
    {
        (_process, _app, _dataPath, BaseUrl, StartupTime) = (process, app, dataPath, baseUrl, startupTime);
    }

    public string BaseUrl { get; }

    public TimeSpan StartupTime { get; }

    public static async Task<PortalProcess> StartAsync(string app, string dataPath, string adminEmail)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var info = Info(app, dataPath, []);
        info.Environment["ASPNETCORE_URLS"] = baseUrl;
        info.Environment["CertPortal__Bootstrap__AdminEmail"] = adminEmail;
        info.Environment["CertPortal__Bootstrap__AdminPassword"] = TestPasswords.Default;
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await http.GetAsync(baseUrl + "/api/v1/health")).IsSuccessStatusCode)
                    return new PortalProcess(process, app, dataPath, baseUrl, clock.Elapsed);
            }
            catch (HttpRequestException)
            {
            }
            if (process.HasExited)
                throw new InvalidOperationException($"The portal exited with {process.ExitCode} before it was healthy.");
            await Task.Delay(20);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The portal was not healthy within 60 s.");
    }

    /// <summary>A command of the same binary on the same data (while the portal runs: SQLite in WAL mode allows it).</summary>
    public async Task<string> RunCommandAsync(params string[] args)
    {
        using var process = Process.Start(Info(_app, _dataPath, args))!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? stdout : throw new InvalidOperationException($"{args[0]} exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
    }

    public double ResidentMegabytes(string field = "VmRSS")
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    /// <summary>VmRSS split into anonymous (heaps, JIT) and file-backed (mapped assemblies, shareable) pages.</summary>
    public string ResidentBreakdown() =>
        $"{ResidentMegabytes():F0} MB = {ResidentMegabytes("RssAnon"):F0} MB anonymous + {ResidentMegabytes("RssFile"):F0} MB file-backed + {ResidentMegabytes("RssShmem"):F0} MB shared";

    private static ProcessStartInfo Info(string app, string dataPath, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(app);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["CertPortal__DataPath"] = dataPath;
        info.Environment["DOTNET_gcServer"] = "0";
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
