using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Endpoints;

/// <summary>What a scan may target: ranges up to a /22, addresses and names as given, real ports; every refusal a 400 and an audit line.</summary>
public sealed class DiscoveryLimitsTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task A_range_wider_than_a_22_ranges_of_names_bad_ports_and_unknown_customers_are_refused_and_audited()
    {
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));

        var wide = await ProblemAssert.IsInvalidFieldAsync(await Scan(api, customer.Id, ["127.0.0.0/21"], [443]), "hosts");
        Assert.Contains("wider than a /22", wide[0]);
        Assert.Contains("1024 addresses", wide[0]);
        Assert.Contains("not a CIDR range", (await ProblemAssert.IsInvalidFieldAsync(await Scan(api, customer.Id, ["example.com/24"], [443]), "hosts"))[0]);
        Assert.Contains("not a CIDR range", (await ProblemAssert.IsInvalidFieldAsync(await Scan(api, customer.Id, ["10.0.0.0/abc"], [443]), "hosts"))[0]);
        Assert.Contains("neither an IP address nor a DNS name", (await ProblemAssert.IsInvalidFieldAsync(await Scan(api, customer.Id, ["*.example.com"], [443]), "hosts"))[0]);
        Assert.Contains("neither an IP address nor a DNS name", (await ProblemAssert.IsInvalidFieldAsync(await Scan(api, customer.Id, ["10.0.0.1-10.0.0.9"], [443]), "hosts"))[0]);
        Assert.Contains("wider than a /22", (await ProblemAssert.IsInvalidFieldAsync(await Scan(api, customer.Id, ["::1/64"], [443]), "hosts"))[0]);
        Assert.Contains("between 1 and 65535", (await ProblemAssert.IsInvalidFieldAsync(await Scan(api, customer.Id, ["127.0.0.1"], [0, 70000]), "ports"))[0]);
        await ProblemAssert.IsInvalidFieldAsync(await Scan(api, customer.Id, ["127.0.0.1"], []), "ports");
        await ProblemAssert.IsInvalidFieldAsync(await Scan(api, customer.Id, [], [443]), "hosts");
        await ProblemAssert.IsInvalidFieldAsync(await Scan(api, Guid.NewGuid(), ["127.0.0.1"], [443]), "customerId");
        var tooMany = await ProblemAssert.IsInvalidFieldAsync(await Scan(api, customer.Id, ["127.0.0.0/22", "127.0.4.0/22"], Enumerable.Range(1000, 10).ToArray()), "hosts");
        Assert.Contains("more than the 16384 pairs", tooMany[0]);

        var audit = await api.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=discovery.scan");
        Assert.Equal(11, audit.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("outcome").GetString() == "failure"));
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>("/api/v1/discovery/scans")).EnumerateArray());
    }

    [Fact]
    public async Task A_22_of_loopback_is_taken_and_tried_address_by_address()
    {
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));
        var closed = FreePort.Next();
        var response = await Scan(api, customer.Id, ["127.0.0.0/22"], [closed]);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var scan = await ScanPolling.WaitForFinishAsync(api, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        Assert.Equal(1024, scan.GetProperty("total").GetInt32());
        Assert.Equal(1024, scan.GetProperty("done").GetInt32());
        Assert.Empty(scan.GetProperty("endpoints").EnumerateArray());
    }

    [Fact]
    public async Task Readonly_may_look_but_not_scan_and_another_customer_s_scan_looks_like_none()
    {
        var customer = await _portal.SeedCustomerAsync();
        var other = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));
        var started = await Scan(api, customer.Id, ["127.0.0.1"], [FreePort.Next()]);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var readonlyApi = _portal.ApiClient(await _portal.CreateTokenAsync("readonly"));
        await ProblemAssert.IsProblemAsync(await Scan(readonlyApi, customer.Id, ["127.0.0.1"], [443]), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await readonlyApi.GetAsync($"/api/v1/discovery/scans/{id}")).StatusCode);
        var scoped = _portal.ApiClient(await _portal.CreateTokenAsync("technician", other.Id));
        await ProblemAssert.IsProblemAsync(await scoped.GetAsync($"/api/v1/discovery/scans/{id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsInvalidFieldAsync(await Scan(scoped, customer.Id, ["127.0.0.1"], [443]), "customerId");
    }

    private static Task<HttpResponseMessage> Scan(HttpClient api, Guid customerId, string[] hosts, int[] ports) =>
        api.PostAsJsonAsync("/api/v1/discovery/scans", new { customerId, hosts, ports });

    public void Dispose() => _portal.Dispose();
}
