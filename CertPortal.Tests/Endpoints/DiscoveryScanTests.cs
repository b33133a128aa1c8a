using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Endpoints;

/// <summary>Scans of loopback through the API: what each nginx serves is found, matched or marked unknown, and watched.</summary>
[SupportedOSPlatform("linux")]
public sealed class DiscoveryScanTests(EndpointSites sites) : IClassFixture<EndpointSites>, IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task A_scan_finds_each_tls_endpoint_with_its_chain_matches_the_known_certificate_and_watches_them_all()
    {
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));
        var known = await sites.Known.ImportAsync(api, customer.Id);
        var ports = sites.All.Select(s => s.Port).Append(sites.ClosedPort).ToArray();

        var started = await api.PostAsJsonAsync("/api/v1/discovery/scans", new { customerId = customer.Id, hosts = new[] { "127.0.0.1" }, ports });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var scanId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var scan = await ScanPolling.WaitForFinishAsync(api, scanId);

        Assert.Equal(4, scan.GetProperty("total").GetInt32());
        var found = scan.GetProperty("endpoints").EnumerateArray().ToDictionary(e => e.GetProperty("port").GetInt32());
        Assert.Equal(sites.All.Select(s => s.Port).Order(), found.Keys.Order());
        foreach (var site in sites.All)
        {
            var endpoint = found[site.Port];
            Assert.Equal("127.0.0.1", endpoint.GetProperty("host").GetString());
            Assert.Equal(site.Thumbprint, endpoint.GetProperty("thumbprintSha256").GetString());
            Assert.Equal($"CN={site.Name}", endpoint.GetProperty("subject").GetString());
        }
        Assert.Equal(known, found[sites.Known.Port].GetProperty("knownCertificateId").GetString());
        Assert.Equal(JsonValueKind.Null, found[sites.Complete.Port].GetProperty("knownCertificateId").ValueKind);

        // Watched with no further step, each with what is wrong with it.
        var watched = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/endpoints?customerId={customer.Id}")).EnumerateArray().ToDictionary(e => e.GetProperty("port").GetInt32());
        Assert.Equal(3, watched.Count);
        Assert.Equal(JsonValueKind.Null, watched[sites.Complete.Port].GetProperty("problem").ValueKind);
        Assert.Equal("chain-incomplete", watched[sites.Incomplete.Port].GetProperty("problem").GetString());
        Assert.Equal("expiring", watched[sites.Known.Port].GetProperty("problem").GetString());
        Assert.InRange(watched[sites.Known.Port].GetProperty("daysLeft").GetInt32(), 8, 10);
        Assert.Equal("EC P-256", watched[sites.Complete.Port].GetProperty("key").GetString());
        Assert.Contains("www.complete.endpoints.test", watched[sites.Complete.Port].GetProperty("names").EnumerateArray().Select(n => n.GetString()));

        var attention = await api.GetFromJsonAsync<JsonElement>("/api/v1/attention?pageSize=100");
        var items = attention.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("objectType").GetString() == "endpoint").ToList();
        Assert.Contains(items, i => i.GetProperty("kind").GetString() == "endpoint.chain-incomplete");
        Assert.Contains(items, i => i.GetProperty("kind").GetString() == "endpoint.expiring" && i.GetProperty("severity").GetString() == "warning");
    }

    [Fact]
    public async Task A_second_scan_of_the_same_addresses_watches_each_endpoint_once()
    {
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));
        for (var i = 0; i < 2; i++)
        {
            var started = await api.PostAsJsonAsync("/api/v1/discovery/scans", new { customerId = customer.Id, hosts = new[] { "127.0.0.1/32" }, ports = new[] { sites.Complete.Port } });
            await ScanPolling.WaitForFinishAsync(api, (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }
        var watched = await api.GetFromJsonAsync<JsonElement>($"/api/v1/endpoints?customerId={customer.Id}");
        Assert.Single(watched.EnumerateArray());
        Assert.Equal("scan", watched[0].GetProperty("origin").GetString());
    }

    public void Dispose() => _portal.Dispose();
}
