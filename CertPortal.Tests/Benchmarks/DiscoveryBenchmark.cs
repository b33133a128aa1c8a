using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using CertPortal.Tests.Endpoints;
using CertPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CertPortal.Tests.Benchmarks;

/// <summary>
/// Issue #14's discovery figures (not a timed test: it reports, and fails only if a step does not work). Run with
/// <c>CertPortal.Tests/Benchmarks/discovery.sh</c>. One scan of 127.0.0.1 × 1,024 ports, three of them nginx, on the
/// portal as its own process: once with the default limits (200 connections started per second, 64 open) and once
/// with the rate lifted to 10,000 per second, to show what the limit costs. Peak memory is the process's VmHWM.
/// </summary>
[Trait("Category", "Benchmark")]
[SupportedOSPlatform("linux")]
public sealed class DiscoveryBenchmark(ITestOutputHelper output)
{
    private const int Pairs = 1024;

    [Fact]
    public async Task Scan_of_1024_loopback_pairs()
    {
        var sites = new[] { await TlsSite.StartAsync("one.bench.test"), await TlsSite.StartAsync("two.bench.test"), await TlsSite.StartAsync("three.bench.test") };
        try
        {
            var open = sites.Select(s => s.Port).ToHashSet();
            var ports = open.Concat(Enumerable.Range(20000, 2000).Where(p => !open.Contains(p)).Take(Pairs - open.Count)).ToArray();
            var report = new StringBuilder()
                .AppendLine("# CertPortal discovery benchmark")
                .AppendLine($"- machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; database {TestDatabase.Lane}")
                .AppendLine($"- scan: 127.0.0.1 × {ports.Length} ports ({open.Count} nginx with TLS, the rest closed)");
            foreach (var (label, rate) in new[] { ("default limits (200/s, 64 open)", (string?)null), ("rate lifted (10,000/s, 64 open)", "10000") })
                report.AppendLine($"- {label}: {await MeasureAsync(ports, rate, open.Count)}");
            output.WriteLine(report.ToString());
            var folder = Path.Combine(RepositoryRoot.Path, "CertPortal.Tests", "TestResults");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "benchmark-discovery.md"), report.ToString());
        }
        finally
        {
            foreach (var site in sites)
                site.Dispose();
        }
    }

    private static async Task<string> MeasureAsync(int[] ports, string? rate, int expected)
    {
        using var data = new TempFolder("certportal-discovery-bench");
        var environment = rate is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["CertPortal__Discovery__ConnectsPerSecond"] = rate };
        using var portal = await PortalProcess.StartAsync(data.Path, "bench@msp.test", environment);
        using var api = await portal.ApiClientAsync("admin");
        var customer = await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bench" });
        var customerId = (await customer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var (rssBefore, peakBefore) = (portal.ResidentMegabytes(), portal.ResidentMegabytes("VmHWM"));
        var clock = Stopwatch.StartNew();
        var started = await api.PostAsJsonAsync("/api/v1/discovery/scans", new { customerId, hosts = new[] { "127.0.0.1" }, ports });
        var scan = await ScanPolling.WaitForFinishAsync(api, (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!, seconds: 300);
        clock.Stop();
        Assert.Equal(Pairs, scan.GetProperty("done").GetInt32());
        // Other programs on a shared machine may listen with TLS in the closed range too: at least the three are found.
        var found = scan.GetProperty("endpoints").GetArrayLength();
        Assert.True(found >= expected, $"found {found} of the {expected} nginx");
        var scanTime = scan.GetProperty("finishedAt").GetDateTime() - scan.GetProperty("startedAt").GetDateTime();
        return $"{clock.Elapsed.TotalSeconds:F2} s from POST to finished (scan itself {scanTime.TotalSeconds:F2} s), {found} TLS endpoints found; " +
               $"resident memory {rssBefore:F0} MB before, {portal.ResidentMegabytes():F0} MB after, peak {portal.ResidentMegabytes("VmHWM"):F0} MB (peak before the scan {peakBefore:F0} MB)";
    }
}
