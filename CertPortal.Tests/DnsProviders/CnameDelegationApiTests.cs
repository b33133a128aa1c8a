using System.Net;
using System.Net.Http.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.DnsProviders;

/// <summary>
/// GET /api/v1/dns-providers/{id}/delegation against BIND's zones, asked through the bootstrap resolver: the MSP's
/// provider writes into challenges.test; customers' _acme-challenge CNAMEs in example.test point there (or do not).
/// </summary>
public sealed class CnameDelegationApiTests(BindFixture bind) : IClassFixture<BindFixture>, IDisposable
{
    private readonly PortalFactory _portal = LabDiscovery.Portal(bind.NameServer, bind.Port);

    [Theory]
    [InlineData("delegated.example.test", "delegated.challenges.test", true, "which is in challenges.test")]
    [InlineData("*.chained.example.test", "chained.challenges.test", true, "which is in challenges.test")]
    [InlineData("elsewhere.example.test", "elsewhere.example.test", false, "which is outside challenges.test. Change the CNAME to elsewhere-example-test.challenges.test.")]
    public async Task A_cname_is_judged_by_where_its_chain_ends(string domain, string found, bool ok, string message)
    {
        var check = await CheckAsync(await ProviderIdAsync(), domain);
        var bare = domain.TrimStart('*', '.');
        Assert.Equal($"_acme-challenge.{bare}", check.Str("recordName"));
        Assert.Equal($"{bare.Replace('.', '-')}.challenges.test", check.Str("expectedTarget"));
        Assert.Equal(found, check.Str("found"));
        Assert.Equal(ok, check.GetProperty("ok").GetBoolean());
        Assert.Contains(message, check.Str("message"));
    }

    [Fact]
    public async Task A_missing_cname_says_exactly_which_record_to_create()
    {
        var check = await CheckAsync(await ProviderIdAsync(), "Missing.Example.Test.");
        Assert.Null(check.Str("found"));
        Assert.False(check.GetProperty("ok").GetBoolean());
        Assert.Equal("There is no CNAME at _acme-challenge.missing.example.test yet. Ask the customer to create: " +
                     "_acme-challenge.missing.example.test. CNAME missing-example-test.challenges.test.", check.Str("message"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a domain")]
    [InlineData("localhost")]
    [InlineData("-bad.example.test")]
    public async Task An_invalid_domain_answers_400_naming_the_domain(string domain)
    {
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("readonly"));
        var response = await api.GetAsync($"/api/v1/dns-providers/{await ProviderIdAsync()}/delegation?domain={Uri.EscapeDataString(domain)}");
        await ProblemAssert.IsInvalidFieldAsync(response, "domain");
    }

    [Fact]
    public async Task An_unknown_provider_answers_404()
    {
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("readonly"));
        await ProblemAssert.IsProblemAsync(await api.GetAsync($"/api/v1/dns-providers/{Guid.NewGuid()}/delegation?domain=www.example.test"), HttpStatusCode.NotFound);
    }

    private async Task<System.Text.Json.JsonElement> CheckAsync(string providerId, string domain)
    {
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("readonly"));
        return await (await api.GetAsync($"/api/v1/dns-providers/{providerId}/delegation?domain={Uri.EscapeDataString(domain)}")).JsonAsync();
    }

    /// <summary>An rfc2136 provider for the MSP's zone challenges.test, without resolvers (so the bootstrap resolver is asked).</summary>
    private async Task<string> ProviderIdAsync()
    {
        var customer = await _portal.SeedCustomerAsync();
        var admin = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));
        var body = new
        {
            customerId = customer.Id, name = "MSP challenges", type = "rfc2136",
            settings = bind.Rfc2136Settings(BindFixture.DelegationZone), secrets = new { tsigSecret = bind.TsigSecret },
        };
        return (await (await admin.PostAsJsonAsync("/api/v1/dns-providers", body)).JsonAsync(HttpStatusCode.Created)).Str("id")!;
    }

    public void Dispose() => _portal.Dispose();
}
