using System.Diagnostics;
using System.Text;
using CertPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CertPortal.Tests.Benchmarks;

/// <summary>
/// Issue #10's dashboard figures on the published portal as its own process, with <see cref="WatchLoad"/>'s data:
/// p95 of GET /api/v1/dashboard and /api/v1/attention (goal ≤ 100 ms), p95 of the dashboard's server render — the
/// prerendered GET / of a signed-in user (goal ≤ 300 ms) — and resident memory after it (goal ≤ 250 MB). Reports;
/// fails only when a call does not answer 200. Run with <c>CertPortal.Tests/Benchmarks/dashboard.sh</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class DashboardBenchmark(ITestOutputHelper output)
{
    private const string Admin = "bench@msp.test";
    private const int Calls = 60;

    [Fact]
    public async Task Dashboard_and_worklist_with_10000_certificates_200_customers_and_50000_runs()
    {
        var app = Environment.GetEnvironmentVariable("CERTPORTAL_BENCH_APP") ?? PortalCli.Binary;
        using var data = new TempFolder("certportal-bench");
        // The first start makes the database and the admin; the load goes in while the portal is stopped.
        using (await PortalProcess.StartAsync(data.Path, Admin, app: app))
        {
        }
        var seeding = Stopwatch.StartNew();
        await WatchLoad.SeedAsync(Path.Combine(data.Path, "certportal.db"), DateTime.UtcNow);
        seeding.Stop();

        using var portal = await PortalProcess.StartAsync(data.Path, Admin, app: app);
        using var api = await portal.ApiClientAsync("readonly");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(portal.BaseUrl) };
        await browser.SignInAsync(Admin, TestPasswords.Default);

        var dashboard = await TimeAsync(portal, api, "/api/v1/dashboard");
        var attention = await TimeAsync(portal, api, "/api/v1/attention");
        var render = await TimeAsync(portal, browser, "/", "data-testid=\"attention-list\"");
        var rss = portal.ResidentMegabytes();

        var report = new StringBuilder()
            .AppendLine("# CertPortal dashboard benchmark")
            .AppendLine($"- machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}")
            .AppendLine($"- data: {WatchLoad.Customers} customers, {WatchLoad.Certificates:N0} certificates, {WatchLoad.Certificates:N0} bindings, " +
                        $"{WatchLoad.Certificates * WatchLoad.RunsPerBinding:N0} deployment runs (seeded in {seeding.Elapsed.TotalSeconds:F0} s)")
            .AppendLine($"- GET /api/v1/dashboard, {Calls} calls: {dashboard} (goal p95 ≤ 100 ms)")
            .AppendLine($"- GET /api/v1/attention, {Calls} calls: {attention} (goal p95 ≤ 100 ms)")
            .AppendLine($"- dashboard server render (GET / signed in, prerendered), {Calls} calls: {render} (goal p95 ≤ 300 ms)")
            .AppendLine($"- resident memory after that: {rss:F0} MB (goal ≤ 250 MB); {portal.ResidentBreakdown()}")
            .AppendLine($"- load average while measuring: {File.ReadAllText("/proc/loadavg").Trim()} (wall-clock times grow with it; the portal's CPU time per call does not)")
            .ToString();
        output.WriteLine(report);
        var folder = Path.Combine(RepositoryRoot.Path, "CertPortal.Tests", "TestResults");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "dashboard-benchmark.md"), report);
    }

    /// <summary>Five warm-up calls, then <see cref="Calls"/> timed ones one after another: "p50 … ms, p95 … ms, max … ms; portal CPU … ms a call".</summary>
    private static async Task<string> TimeAsync(PortalProcess portal, HttpClient client, string path, string? mustContain = null)
    {
        var times = new List<double>();
        var cpu = TimeSpan.Zero;
        for (var i = 0; i < Calls + 5; i++)
        {
            if (i == 5)
                cpu = portal.CpuTime();
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            clock.Stop();
            if (!response.IsSuccessStatusCode || mustContain is not null && !body.Contains(mustContain, StringComparison.Ordinal))
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} without what it should show: {body[..Math.Min(body.Length, 500)]}");
            if (i >= 5)
                times.Add(clock.Elapsed.TotalMilliseconds);
        }
        var cpuPerCall = (portal.CpuTime() - cpu).TotalMilliseconds / Calls;
        times.Sort();
        double At(double q) => times[(int)Math.Ceiling(q * times.Count) - 1];
        return $"p50 {At(0.5):F0} ms, p95 {At(0.95):F0} ms, max {times[^1]:F0} ms; portal CPU {cpuPerCall:F0} ms a call";
    }
}
