using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CertPortal.Tests.Benchmarks;

/// <summary>
/// Issue #4's figures, in one run against one Pebble + BIND: request → valid for one certificate, and 50 renewals at
/// once, beside lego doing one certificate and then 50 one after another (how lego renews). Reports; fails only if
/// something does not work. Run with <c>CertPortal.Tests/Benchmarks/issuance.sh</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class IssuanceBenchmark(PebbleOnBindFixture peers, ITestOutputHelper output) : IClassFixture<PebbleOnBindFixture>
{
    private static readonly int Count = int.TryParse(Environment.GetEnvironmentVariable("CERTPORTAL_BENCH_COUNT"), out var n) ? n : 50;

    [Fact]
    public async Task One_certificate_and_50_renewals_at_once_beside_lego()
    {
        var app = Environment.GetEnvironmentVariable("CERTPORTAL_BENCH_APP") ?? PortalCli.Binary;
        using var data = new TempFolder("certportal-bench");
        // Every renewal gets a worker: the work is waiting on the CA and DNS, not CPU.
        var parallel = Count;
        using var portal = await PortalProcess.StartAsync(data.Path, "bench@msp.test",
            new Dictionary<string, string> { ["CertPortal__Certificates__MaxParallelIssuances"] = parallel.ToString() }, app);
        var setup = await IssuanceSetup.CreateAsync(portal, peers, IssuanceSetup.ProviderSettings(peers, propagationTimeoutSeconds: 60));

        // Warm-ups (not measured): the portal's first order JITs its code; lego's first run registers its account,
        // as the portal's account was registered when it was created.
        await IssueAsync(setup, ["warmup.example.test"], 1);
        using var lego = new LegoClient(peers);
        await lego.RunAsync("lego-warmup.example.test");

        var (portalOne, oneIds) = await IssueAsync(setup, ["one.example.test"], 1);
        var legoOne = await lego.RunAsync("lego-one.example.test");

        var names = Enumerable.Range(0, Count).Select(i => $"bulk{i:D2}.example.test").ToArray();
        var (issueAll, ids) = await IssueAsync(setup, names, 1);
        var clock = Stopwatch.StartNew();
        foreach (var renewed in await Task.WhenAll(ids.Select(id => setup.Api.PostAsync($"/api/v1/certificates/{id}/renew", null))))
            Assert.Equal(HttpStatusCode.Accepted, renewed.StatusCode);
        var portalFailures = await WaitAllAsync(setup, ids, 2);
        var renewAll = clock.Elapsed;

        var (legoRuns, legoFailures) = (new List<TimeSpan>(), 0);
        for (var i = 0; i < Count; i++)
        {
            try
            {
                legoRuns.Add(await lego.RunAsync($"lego{i:D2}.example.test"));
            }
            catch (InvalidOperationException e)
            {
                legoFailures++;
                output.WriteLine(e.Message);
            }
        }

        var figures = new IssuanceFigures(Count, parallel, portalOne, legoOne, issueAll, renewAll, legoRuns, portalFailures, legoFailures,
            await StepsAsync(setup, oneIds[0]), await RenewalRunDurationsAsync(setup, ids));
        var report = figures.ToTable();
        output.WriteLine(report);
        var folder = Path.Combine(RepositoryRoot.Path, "CertPortal.Tests", "TestResults");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "issuance-benchmark.txt"), report);
        Assert.True(portalFailures == 0, $"{portalFailures} renewal(s) failed:\n{portal.Output}");
    }

    /// <summary>Requests all names at once and answers the time until every one is valid, and their ids.</summary>
    private static async Task<(TimeSpan Elapsed, string[] Ids)> IssueAsync(IssuanceSetup setup, string[] names, int version)
    {
        var clock = Stopwatch.StartNew();
        var ids = await Task.WhenAll(names.Select(name => setup.RequestAsync(name)));
        var failures = await WaitAllAsync(setup, ids, version);
        Assert.True(failures == 0, $"{failures} of {names.Length} new certificate(s) failed.");
        return (clock.Elapsed, ids);
    }

    /// <summary>
    /// Polls the list (one request for all, every 50 ms so the poll adds little to the figure) until each certificate
    /// is valid at <paramref name="version"/> or failed; answers how many failed.
    /// </summary>
    internal static async Task<int> WaitAllAsync(IssuanceSetup setup, string[] ids, int version)
    {
        var wanted = ids.ToHashSet();
        for (var deadline = DateTime.UtcNow.AddMinutes(10); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            var list = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates?customerId={setup.CustomerId}&pageSize=200");
            var mine = list.GetProperty("items").EnumerateArray().Where(c => wanted.Contains(c.GetProperty("id").GetString()!)).ToList();
            var valid = mine.Count(c => c.GetProperty("status").GetString() == "valid" && c.GetProperty("currentVersion").GetInt32() == version);
            var failed = mine.Count(c => c.GetProperty("status").GetString() == "failed");
            if (valid + failed == ids.Length)
                return failed;
        }
        throw new TimeoutException($"{ids.Length} certificate(s) did not reach version {version} within 10 minutes.");
    }

    /// <summary>The last run's steps as "+1.23 s TXT written: ...", to see where the time of one order goes.</summary>
    private static async Task<IReadOnlyList<string>> StepsAsync(IssuanceSetup setup, string id)
    {
        var run = (await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}/runs"))[0];
        var started = run.GetProperty("startedAt").GetDateTime();
        return run.GetProperty("steps").EnumerateArray()
            .Select(s => $"+{(s.GetProperty("at").GetDateTime() - started).TotalSeconds:F2} s {s.GetProperty("name").GetString()}: {s.GetProperty("message").GetString()}")
            .ToList();
    }

    private static async Task<IReadOnlyList<TimeSpan>> RenewalRunDurationsAsync(IssuanceSetup setup, string[] ids)
    {
        var durations = new List<TimeSpan>();
        foreach (var id in ids)
        {
            var run = (await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}/runs"))[0];
            durations.Add(run.GetProperty("finishedAt").GetDateTime() - run.GetProperty("startedAt").GetDateTime());
        }
        return durations;
    }
}
