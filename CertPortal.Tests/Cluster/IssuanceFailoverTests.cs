using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.DnsProviders;

namespace CertPortal.Tests.Cluster;

/// <summary>
/// Two portal processes on one PostgreSQL database share the orders; one is killed with SIGKILL while it works some of
/// them, and the other takes them up once their leases run out: every certificate ends valid with one version and no
/// challenge record is left in DNS. A renewal asked of both at the same moment is one order.
/// </summary>
public sealed class IssuanceFailoverTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>
{
    private const int Certificates = 50;

    [Fact]
    public async Task Orders_asked_of_two_instances_all_end_valid_once_when_one_instance_is_killed_mid_run()
    {
        using var cluster = await PortalCluster.StartAsync("cluster-issuance@msp.test");
        var setup = await IssuanceSetup.CreateAsync(cluster.Portals[0], peers);
        var clients = cluster.Portals.Select(p => PortalCluster.ClientOf(p, setup.Api)).ToList();
        var names = Enumerable.Range(0, Certificates).Select(i => $"cluster-{i}-{Guid.NewGuid():N}"[..20] + ".example.test").ToList();
        var ids = new List<string>();
        for (var i = 0; i < Certificates; i++)
        {
            var response = await clients[i % 2].PostAsJsonAsync("/api/v1/certificates", setup.Request(names[i]));
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
            ids.Add(await IssuanceSetup.IdOf(response));
        }

        // Killed while one of its orders has a challenge record in DNS: the moment a death must not leak a record.
        var killed = await cluster.FrozenHolderOfAsync("issuance",
            """EXISTS (SELECT 1 FROM "IssuanceRuns" AS r WHERE r."CertificateId" = w."SubjectId" AND r."Status" = 'running' AND r."OpenRecords" <> '[]')""");
        var survivor = cluster.Portals.Single(p => p != killed);
        killed.Kill();

        var api = clients[cluster.Portals.ToList().IndexOf(survivor)];
        foreach (var id in ids)
        {
            var certificate = await WaitForValidAsync(api, id, survivor);
            Assert.Equal(1, certificate.GetProperty("versions").GetArrayLength());
        }
        foreach (var name in names)
            Assert.Empty(await peers.Bind.TxtAsync("_acme-challenge." + name));
        Assert.Contains("Taking up issuance", survivor.Output);
        Assert.Empty(await cluster.QueuedWorkLeftAsync());
        // What the killed instance was working is shown as interrupted, and the order placed again succeeded.
        var runs = new List<string?>();
        foreach (var id in ids)
            runs.AddRange((await api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}/runs")).EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Contains("interrupted", runs);
        Assert.Equal(Certificates, runs.Count(s => s == "succeeded"));
    }

    [Fact]
    public async Task An_instance_paused_past_its_lease_writes_nothing_for_orders_another_instance_took_up()
    {
        using var cluster = await PortalCluster.StartAsync("cluster-paused@msp.test");
        var setup = await IssuanceSetup.CreateAsync(cluster.Portals[0], peers);
        var clients = cluster.Portals.Select(p => PortalCluster.ClientOf(p, setup.Api)).ToList();
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var response = await clients[i % 2].PostAsJsonAsync("/api/v1/certificates", setup.Request($"paused-{i}-{Guid.NewGuid():N}"[..18] + ".example.test"));
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
            ids.Add(await IssuanceSetup.IdOf(response));
        }

        // Frozen (as a suspended VM) in the middle of an order, for longer than its lease: the other instance takes the
        // order up and finishes it. Then the frozen one goes on from where it stopped, with an order of its own at the CA.
        var paused = await cluster.FrozenHolderOfAsync("issuance",
            """EXISTS (SELECT 1 FROM "IssuanceRuns" AS r WHERE r."CertificateId" = w."SubjectId" AND r."Status" = 'running' AND r."OpenRecords" <> '[]')""");
        var survivor = cluster.Portals.Single(p => p != paused);
        var api = clients[cluster.Portals.ToList().IndexOf(survivor)];
        try
        {
            foreach (var id in ids)
                await WaitForValidAsync(api, id, survivor);
        }
        finally
        {
            paused.Resume();
        }
        Assert.Contains("Taking up issuance", survivor.Output);

        // It finds its claims taken up: no second version, no certificate marked failed, no row of queued work left.
        await WaitForLogAsync(paused, "taken up by another instance");
        await Task.Delay(TimeSpan.FromSeconds(PortalCluster.LeaseSeconds));
        foreach (var id in ids)
        {
            var certificate = await api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}");
            Assert.Equal("valid", certificate.GetProperty("status").GetString());
            Assert.Equal(1, certificate.GetProperty("versions").GetArrayLength());
        }
        Assert.Empty(await cluster.QueuedWorkLeftAsync());
    }

    private static async Task WaitForLogAsync(Infrastructure.PortalProcess portal, string text)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !portal.Output.Contains(text, StringComparison.Ordinal); await Task.Delay(100))
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The portal did not log \"{text}\" within 30 s:\n{portal.Output}");
    }

    [Fact]
    public async Task Ten_renewals_asked_of_both_instances_at_the_same_moment_renew_each_certificate_once()
    {
        using var cluster = await PortalCluster.StartAsync("cluster-renewal@msp.test");
        var setup = await IssuanceSetup.CreateAsync(cluster.Portals[0], peers);
        var clients = cluster.Portals.Select(p => PortalCluster.ClientOf(p, setup.Api)).ToList();
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
            ids.Add(await setup.RequestAsync($"both-{i}-{Guid.NewGuid():N}"[..16] + ".example.test", autoRenew: false));
        foreach (var id in ids)
            await setup.WaitForStatusAsync(id, "valid");

        using var go = new ManualResetEventSlim();
        var calls = ids.SelectMany(id => clients.Select(client => Task.Run(async () =>
        {
            go.Wait();
            return await client.PostAsync($"/api/v1/certificates/{id}/renew", null);
        }))).ToList();
        go.Set();
        Assert.All(await Task.WhenAll(calls), a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));

        foreach (var id in ids)
            await setup.WaitAsync(id, c => c.GetProperty("versions").GetArrayLength() >= 2 && c.GetProperty("status").GetString() == "valid", 180);
        // A second order would start right after the first ends; give it the time one order takes here.
        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var id in ids)
        {
            var certificate = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}");
            var versions = certificate.GetProperty("versions").EnumerateArray().ToList();
            var runs = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}/runs");
            Assert.Equal(versions.Count - 1, runs.EnumerateArray().Count(r => r.GetProperty("kind").GetString() == "renew"));
            if (versions.Count == 2)
                continue;
            // On a loaded machine one of the two calls may be answered only after the renewal the other started has
            // ended: that is a new renewal, asked of a valid certificate. Two orders at once are not: the second start
            // must come after the first renewal's version was stored.
            Assert.Equal(3, versions.Count);
            var starts = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityType=Certificate&entityId={id}&action=certificate.renew-now");
            var startedAt = starts.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("at").GetDateTime()).Order().ToList();
            var firstRenewed = versions.Single(v => v.GetProperty("version").GetInt32() == 2).GetProperty("createdAt").GetDateTime();
            Assert.Equal(2, startedAt.Count);
            Assert.True(startedAt[1] >= firstRenewed, $"Certificate {id} was renewed twice at once: started {string.Join(", ", startedAt.Select(t => t.ToString("O")))}, version 2 stored {firstRenewed:O}.");
        }
        Assert.Empty(await cluster.QueuedWorkLeftAsync());
    }

    private static async Task<JsonElement> WaitForValidAsync(HttpClient api, string id, Infrastructure.PortalProcess survivor)
    {
        JsonElement last = default;
        for (var deadline = DateTime.UtcNow.AddSeconds(180); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            last = await api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}");
            if (last.GetProperty("status").GetString() == "valid")
                return last;
        }
        throw new TimeoutException($"Certificate {id} is not valid after 180 s; last: {last}\n{survivor.Output}");
    }
}
