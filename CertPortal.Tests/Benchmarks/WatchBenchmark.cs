using System.Diagnostics;
using System.Net;
using System.Text;
using CertPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CertPortal.Tests.Benchmarks;

/// <summary>
/// Issue #10's figures on the published portal as its own process, with 10,000 certificates, 200 customers and
/// 50,000 deployment runs: the dashboard's server render (the prerendered HTML of <c>/</c> for a signed-in admin),
/// <c>GET /api/v1/dashboard</c> and <c>/api/v1/attention</c> (p95 of many calls after a warm-up), the alert scan
/// (<c>POST /api/v1/notifications/check</c>: the first one, which finds every threshold already crossed, and a
/// steady one after it), and resident memory after the dashboard. The render includes the certificates tile's
/// "renewals in the next 30 days", which reads the planner's renewal book (only certificates due within those days).
/// Reports; fails only when a call does not work.
/// Run with <c>CertPortal.Tests/Benchmarks/watch.sh</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class WatchBenchmark(ITestOutputHelper output)
{
    private const string Admin = "bench@msp.test";

    [Fact]
    public async Task Dashboard_attention_and_alert_scan_with_10000_certificates()
    {
        var app = Environment.GetEnvironmentVariable("CERTPORTAL_BENCH_APP")
            ?? throw new InvalidOperationException("Set CERTPORTAL_BENCH_APP to the published CertPortal.dll (watch.sh does).");
        using var data = new TempFolder("certportal-watch-bench");

        string token;
        using (var first = await PortalProcess.StartAsync(data.Path, Admin, app: app))
            token = (await first.RunCommandAsync("create-api-token", "--name", "bench", "--role", "admin")).Trim();
        var seedClock = Stopwatch.StartNew();
        var counts = await WatchSeed.FillAsync(data.Path, customers: 200, certificatesPerCustomer: 50, runsPerBinding: 10, DateTime.UtcNow);
        var seeded = seedClock.Elapsed;

        using var portal = await PortalProcess.StartAsync(data.Path, Admin, app: app);
        // Measured on a settled portal, as a technician meets it: not while its start-up work still runs.
        var settled = await portal.WaitUntilQuietAsync(TimeSpan.FromSeconds(60));
        var rssAfterStart = portal.ResidentMegabytes();
        // The first alert scan queues every threshold already crossed (hundreds of alerts): minutes, not seconds.
        using var api = new HttpClient { BaseAddress = new Uri(portal.BaseUrl), Timeout = TimeSpan.FromMinutes(10) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
            { BaseAddress = new Uri(portal.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        await browser.SignInAsync(Admin, TestPasswords.Default);

        var render = await TimeAsync(30, async () =>
        {
            var html = await browser.GetStringAsync("/");
            if (!html.Contains("data-testid=\"attention-list\"", StringComparison.Ordinal))
                throw new InvalidOperationException("The dashboard did not render its attention list.");
        });
        var rssAfterDashboard = portal.ResidentMegabytes();
        var breakdown = portal.ResidentBreakdown();
        var dashboard = await TimeAsync(100, () => OkAsync(api.GetAsync("/api/v1/dashboard")));
        var attention = await TimeAsync(100, () => OkAsync(api.GetAsync("/api/v1/attention?pageSize=50")));
        var firstScan = await TimeAsync(1, () => OkAsync(api.PostAsync("/api/v1/notifications/check", null)), warmUp: 0);
        var steadyScan = await TimeAsync(5, () => OkAsync(api.PostAsync("/api/v1/notifications/check", null)), warmUp: 0);
        var rssAtEnd = portal.ResidentMegabytes();

        var report = new StringBuilder()
            .AppendLine("# CertPortal watch benchmark")
            .AppendLine($"- machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC")
            .AppendLine($"- data: {counts.Customers} customers, {counts.Certificates} certificates, {counts.Bindings} bindings, {counts.Runs} deployment runs, {counts.IssuanceRuns} issuance runs (seeded in {seeded.TotalSeconds:F0} s)")
            .AppendLine($"- start-up work done {settled.TotalSeconds:F0} s after the portal answered")
            .AppendLine($"- dashboard server render (GET / prerendered, signed in), 30 calls: {render} (goal p95 ≤ 300 ms)")
            .AppendLine($"- GET /api/v1/dashboard, 100 calls: {dashboard} (goal p95 ≤ 100 ms)")
            .AppendLine($"- GET /api/v1/attention, 100 calls: {attention} (goal p95 ≤ 100 ms)")
            .AppendLine($"- alert scan, first (every crossed threshold queued): {firstScan.Max:F0} ms; steady, 5 scans: {steadyScan} (goal ≤ 1000 ms)")
            .AppendLine($"- resident memory: after start {rssAfterStart:F0} MB; after the dashboard {rssAfterDashboard:F0} MB (goal ≤ 250 MB); at the end {rssAtEnd:F0} MB")
            .AppendLine($"  - after the dashboard: {breakdown}")
            .ToString();
        output.WriteLine(report);
        var folder = Path.Combine(RepositoryRoot.Path, "CertPortal.Tests", "TestResults");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "benchmark-watch.md"), report);
    }

    private static async Task OkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<Timings> TimeAsync(int calls, Func<Task> call, int warmUp = 3)
    {
        for (var i = 0; i < warmUp; i++)
            await call();
        var times = new List<double>();
        for (var i = 0; i < calls; i++)
        {
            var clock = Stopwatch.StartNew();
            await call();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return new Timings(times);
    }

    private sealed record Timings(List<double> Times)
    {
        public double Max => Times.Max();

        private double Percentile(double p) => Times.Order().ElementAt(Math.Min(Times.Count - 1, (int)Math.Ceiling(p * Times.Count) - 1));

        public override string ToString() => $"median {Percentile(0.5):F0} ms, p95 {Percentile(0.95):F0} ms, max {Max:F0} ms";
    }
}
