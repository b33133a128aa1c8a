using System.Net;
using System.Net.Http.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.DnsProviders;

/// <summary>/api/v1/dns-providers with type powerdns, its Test against a real pdns_server.</summary>
public sealed class PowerDnsProviderApiTests(PowerDnsFixture pdns) : IClassFixture<PowerDnsFixture>, IDisposable
{
    // pdns answers for its own zone when asked recursively, so it can be the bootstrap resolver here too.
    private readonly PortalFactory _portal = LabDiscovery.Portal(pdns.NameServer, pdns.DnsPort);

    [Fact]
    public async Task A_powerdns_provider_is_created_and_tested_against_the_discovered_server_without_showing_its_key()
    {
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));

        var created = await (await api.PostAsJsonAsync("/api/v1/dns-providers", Body(customer.Id, pdns.ApiKey))).JsonAsync(HttpStatusCode.Created);
        Assert.DoesNotContain(pdns.ApiKey, created.ToString());
        Assert.Equal("set", created.GetProperty("secrets").GetProperty("apiKey").GetString());
        Assert.Equal("powerdns", created.Str("type"));

        var test = await (await api.PostAsync($"/api/v1/dns-providers/{created.Str("id")}/test", null)).JsonAsync();
        Assert.True(test.GetProperty("ok").GetBoolean(), test.Str("message"));
        Assert.StartsWith($"Wrote, saw and removed a TXT record at _certportal-test-", test.Str("message"));
        Assert.EndsWith($"Asked the authoritative servers of {PowerDnsFixture.Zone}: ns1.{PowerDnsFixture.Zone} (127.0.0.1:{pdns.DnsPort}).", test.Str("message"));
    }

    [Fact]
    public async Task A_wrong_api_key_makes_the_test_fail_saying_the_key_was_refused()
    {
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));
        var created = await (await api.PostAsJsonAsync("/api/v1/dns-providers", Body(customer.Id, "wrong-key-1234"))).JsonAsync(HttpStatusCode.Created);

        var test = await (await api.PostAsync($"/api/v1/dns-providers/{created.Str("id")}/test", null)).JsonAsync();
        Assert.False(test.GetProperty("ok").GetBoolean());
        Assert.Contains("refused the API key (401)", test.Str("message"));
        Assert.DoesNotContain("wrong-key-1234", test.Str("message"));
    }

    [Fact]
    public async Task A_powerdns_provider_without_an_api_key_or_url_is_refused_naming_the_fields()
    {
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));
        var body = new { customerId = customer.Id, name = "pdns", type = "powerdns", settings = new { serverId = "localhost" }, secrets = new { } };
        var problem = await ProblemAssert.IsProblemAsync(await api.PostAsJsonAsync("/api/v1/dns-providers", body), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("settings.apiUrl", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("secrets.apiKey", out _));
    }

    private object Body(Guid customerId, string apiKey) => new
    {
        customerId,
        name = "PowerDNS at the MSP",
        type = "powerdns",
        settings = new { apiUrl = pdns.ApiUrl, serverId = "localhost", zone = PowerDnsFixture.Zone, propagationTimeoutSeconds = 10 },
        secrets = new { apiKey },
    };

    public void Dispose() => _portal.Dispose();
}
