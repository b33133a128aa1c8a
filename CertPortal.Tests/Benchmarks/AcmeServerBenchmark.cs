using System.Diagnostics;
using System.Text;
using CertPortal.Tests.AcmeServer;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CertPortal.Tests.Benchmarks;

/// <summary>
/// Issue #14's figure: certificates per second from the portal's ACME server to 10 lego clients in parallel, each
/// ordering one certificate after another, beside Pebble on the same machine with the same 10 lego loops. Fair by
/// construction: the same lego (4.9.1), dns-01 through lego's rfc2136 into a BIND, and both servers really validate
/// by asking that BIND (Pebble with PEBBLE_VA_NOSLEEP=1, no random wait); each client's account is registered in a
/// warm-up that is not timed. Run with <c>CertPortal.Tests/Benchmarks/acme-server.sh</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class AcmeServerBenchmark(ITestOutputHelper output)
{
    private const int Clients = 10;
    private static readonly int PerClient = int.TryParse(Environment.GetEnvironmentVariable("CERTPORTAL_BENCH_COUNT"), out var n) ? n : 5;

    [Fact]
    public async Task Certificates_per_second_to_10_parallel_lego_clients_beside_pebble()
    {
        await using var portal = new Lifetime<AcmeServerFixture>(new AcmeServerFixture { App = Environment.GetEnvironmentVariable("CERTPORTAL_BENCH_APP") });
        await portal.StartAsync();
        var portalClients = new List<LegoRunner>();
        for (var i = 0; i < Clients; i++)
            portalClients.Add(new LegoRunner(portal.Value));
        var keys = new List<(string, string)>();
        foreach (var _ in portalClients)
            keys.Add(await portal.Value.NewEabKeyAsync());
        await Task.WhenAll(portalClients.Select((c, i) => Ok(c.RunAsync($"warm{i}.example.test", "dns-01", keys[i]))));
        var portalTime = await LoopAsync(i => Ok(portalClients[i / PerClient].RunAsync($"p{i}.example.test", "dns-01", keys[i / PerClient])));
        portalClients.ForEach(c => c.Dispose());

        await using var pebble = new Lifetime<PebbleOnBindFixture>(new PebbleOnBindFixture());
        await pebble.StartAsync();
        var pebbleClients = Enumerable.Range(0, Clients).Select(_ => new LegoClient(pebble.Value)).ToList();
        await Task.WhenAll(pebbleClients.Select((c, i) => c.RunAsync($"warm{i}.example.test")));
        var pebbleTime = await LoopAsync(i => pebbleClients[i / PerClient].RunAsync($"q{i}.example.test"));
        pebbleClients.ForEach(c => c.Dispose());

        var total = Clients * PerClient;
        var report = new StringBuilder()
            .AppendLine("# CertPortal's ACME server vs Pebble: 10 lego clients in parallel, dns-01 through BIND")
            .AppendLine($"- machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC")
            .AppendLine($"- {Clients} clients × {PerClient} certificates one after another each = {total} certificates per server; {LegoClient.Settings}")
            .AppendLine("- both validate for real against the same kind of BIND; Pebble with PEBBLE_VA_NOSLEEP=1; accounts registered before the clock starts")
            .AppendLine()
            .AppendLine("| server | certificates | wall time | certificates/s |")
            .AppendLine("| --- | ---: | ---: | ---: |")
            .AppendLine($"| CertPortal ACME server | {total} | {portalTime.TotalSeconds:F1} s | {total / portalTime.TotalSeconds:F2} |")
            .AppendLine($"| Pebble | {total} | {pebbleTime.TotalSeconds:F1} s | {total / pebbleTime.TotalSeconds:F2} |")
            .ToString();
        output.WriteLine(report);
        var folder = Path.Combine(RepositoryRoot.Path, "CertPortal.Tests", "TestResults");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "acme-server-benchmark.txt"), report);
    }

    /// <summary>Runs the clients in parallel, each its certificates one after another; answers the wall time.</summary>
    private static async Task<TimeSpan> LoopAsync(Func<int, Task> order)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
        {
            for (var k = 0; k < PerClient; k++)
                await order(client * PerClient + k);
        }));
        return clock.Elapsed;
    }

    private static async Task Ok(Task<CommandRun> run) => (await run).Succeeded("lego run");
}
