using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Cluster;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CertPortal.Tests.Benchmarks;

/// <summary>
/// Renewals all due at once (<c>CERTPORTAL_BENCH_COUNT</c>, default 200) on one instance on SQLite, one on PostgreSQL
/// and two on one PostgreSQL database: time until all are valid, and failures; then, with two instances, the time
/// from killing one mid-run until the other has taken up all it held. Reports; fails only if something does not work.
/// Run with <c>CertPortal.Tests/Benchmarks/cluster.sh</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class ClusterIssuanceBenchmark(PebbleOnBindFixture peers, ITestOutputHelper output) : IClassFixture<PebbleOnBindFixture>
{
    private static readonly int Count = int.TryParse(Environment.GetEnvironmentVariable("CERTPORTAL_BENCH_COUNT"), out var n) ? n : 200;

    [Fact]
    public async Task Renewals_due_at_once_on_sqlite_postgres_and_two_instances_and_the_failover_time()
    {
        var report = new StringBuilder($"{Count} renewals asked at once (MaxParallelIssuances 10 per instance)\n");
        report.AppendLine("| setup | all valid after | failed |").AppendLine("| --- | --- | --- |");

        using (var data = new TempFolder("certportal-bench-sqlite"))
        using (var portal = await PortalProcess.StartAsync(data.Path, "bench@msp.test", new Dictionary<string, string>
               {
                   ["CertPortal__Database__Provider"] = TestDatabase.Sqlite,
                   ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(data.Path, "certportal.db")}",
               }))
            report.AppendLine(await RenewAllAsync("1 instance, SQLite", [portal]));

        using (var one = await PortalCluster.StartAsync("bench@msp.test", instances: 1))
            report.AppendLine(await RenewAllAsync("1 instance, PostgreSQL", one.Portals));

        using (var two = await PortalCluster.StartAsync("bench@msp.test"))
        {
            report.AppendLine(await RenewAllAsync("2 instances, PostgreSQL", two.Portals));
            report.AppendLine().AppendLine(await FailoverAsync(two));
        }
        output.WriteLine(report.ToString());
        var folder = Path.Combine(RepositoryRoot.Path, "CertPortal.Tests", "TestResults");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "cluster-benchmark.txt"), report.ToString());
    }

    /// <summary>Issues the certificates (not timed), then asks for every renewal at once, spread over the instances.</summary>
    private async Task<string> RenewAllAsync(string name, IReadOnlyList<PortalProcess> portals)
    {
        var (setup, clients, ids) = await IssueAsync(portals);
        var clock = Stopwatch.StartNew();
        await RenewAsync(clients, ids);
        var failed = await IssuanceBenchmark.WaitAllAsync(setup, ids, 2);
        return $"| {name} | {clock.Elapsed.TotalSeconds:F1} s | {failed} |";
    }

    /// <summary>Asks for every renewal again, kills the first instance once it holds orders, and times the take-over.</summary>
    private async Task<string> FailoverAsync(PortalCluster cluster)
    {
        var setup = await IssuanceSetup.CreateAsync(cluster.Portals[1], peers);
        var clients = cluster.Portals.Select(p => PortalCluster.ClientOf(p, setup.Api)).ToList();
        var ids = await Task.WhenAll(Enumerable.Range(0, Math.Min(Count, 40)).Select(i => setup.RequestAsync($"failover{i:D3}.example.test")));
        Assert.Equal(0, await IssuanceBenchmark.WaitAllAsync(setup, ids, 1));
        await RenewAsync(clients, ids);
        var killed = cluster.Portals[0];
        var held = await cluster.ClaimsHeldByAsync(killed);
        for (var deadline = DateTime.UtcNow.AddSeconds(60); held == 0 && DateTime.UtcNow < deadline; held = await cluster.ClaimsHeldByAsync(killed))
            await Task.Delay(20);
        killed.Kill();
        var clock = Stopwatch.StartNew();
        while (await cluster.ClaimsHeldByAsync(killed) > 0)
            await Task.Delay(50);
        var takenUp = clock.Elapsed;
        var failed = await IssuanceBenchmark.WaitAllAsync(setup, ids, 2);
        return $"Failover: an instance killed holding {held} order(s); the other had taken all up {takenUp.TotalSeconds:F1} s later " +
               $"(lease {PortalCluster.LeaseSeconds} s, poll 0.5 s); {ids.Length - failed} of {ids.Length} renewals valid {clock.Elapsed.TotalSeconds:F1} s after the kill.";
    }

    private async Task<(IssuanceSetup Setup, List<HttpClient> Clients, string[] Ids)> IssueAsync(IReadOnlyList<PortalProcess> portals)
    {
        var setup = await IssuanceSetup.CreateAsync(portals[0], peers, IssuanceSetup.ProviderSettings(peers, propagationTimeoutSeconds: 60));
        var clients = portals.Select(p => PortalCluster.ClientOf(p, setup.Api)).ToList();
        var prefix = Guid.NewGuid().ToString("N")[..6];
        var ids = await Task.WhenAll(Enumerable.Range(0, Count).Select(i => setup.RequestAsync($"b{prefix}{i:D3}.example.test")));
        Assert.Equal(0, await IssuanceBenchmark.WaitAllAsync(setup, ids, 1));
        return (setup, clients, ids);
    }

    private static async Task RenewAsync(List<HttpClient> clients, string[] ids)
    {
        foreach (var renewed in await Task.WhenAll(ids.Select((id, i) => clients[i % clients.Count].PostAsync($"/api/v1/certificates/{id}/renew", null))))
            Assert.Equal(HttpStatusCode.Accepted, renewed.StatusCode);
    }
}
