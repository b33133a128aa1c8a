using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.DnsProviders;

/// <summary>A DNS provider's secrets go only to the endpoint they were given for; settings hold only declared, usable values.</summary>
public sealed class DnsProviderSettingRulesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Token = "cloudflare-token-X93k";

    [Fact]
    public async Task Pointing_a_provider_at_another_api_needs_its_token_again_and_the_audit_shows_both_urls()
    {
        var (api, customer) = await ArrangeAsync();
        var created = await api.PostAsJsonAsync("/api/v1/dns-providers", new
        {
            customerId = customer, name = "CF", type = "cloudflare", settings = new { apiBaseUrl = "https://api.cloudflare.example.test" }, secrets = new { apiToken = Token },
        });
        var id = (await created.JsonAsync(HttpStatusCode.Created)).Str("id");

        var kept = await api.PutAsJsonAsync($"/api/v1/dns-providers/{id}", new { name = "CF", type = "cloudflare", settings = new { apiBaseUrl = "https://collector.example.test" } });
        Assert.Contains("apiBaseUrl changed", (await ProblemAssert.IsInvalidFieldAsync(kept, "secrets.apiToken"))[0]);

        var moved = await api.PutAsJsonAsync($"/api/v1/dns-providers/{id}", new
        {
            name = "CF", type = "cloudflare", settings = new { apiBaseUrl = "https://api2.cloudflare.example.test" }, secrets = new { apiToken = "second-token" },
        });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var audit = await api.GetStringAsync($"/api/v1/audit?entityId={id}");
        Assert.Contains("apiBaseUrl 'https://api.cloudflare.example.test' → 'https://api2.cloudflare.example.test'", audit);
        Assert.DoesNotContain(Token, audit);
        Assert.DoesNotContain("second-token", audit);

        // Leaving the endpoint alone keeps the secret, as before.
        var renamed = await api.PutAsJsonAsync($"/api/v1/dns-providers/{id}", new { name = "CF 2", type = "cloudflare", settings = new { apiBaseUrl = "https://api2.cloudflare.example.test" } });
        Assert.Equal("set", (await renamed.JsonAsync()).GetProperty("secrets").GetProperty("apiToken").GetString());
    }

    [Theory]
    [InlineData("cloudflare", "apiBaseUrl", "http://api.cloudflare.example.test", false)]
    [InlineData("cloudflare", "apiBaseUrl", "http://127.0.0.1:9000", true)]
    [InlineData("route53", "endpointUrl", "http://route53.example.test", false)]
    [InlineData("powerdns", "apiUrl", "http://10.1.1.1:8081", false)]
    [InlineData("powerdns", "apiUrl", "http://localhost:8081", true)]
    public async Task Api_urls_must_be_https_except_on_loopback(string type, string field, string url, bool accepted)
    {
        var (api, customer) = await ArrangeAsync();
        var (settings, secrets) = type switch
        {
            "cloudflare" => (new Dictionary<string, string> { [field] = url }, new Dictionary<string, string> { ["apiToken"] = "t" }),
            "route53" => (new Dictionary<string, string> { [field] = url, ["accessKeyId"] = "AKIA1" }, new Dictionary<string, string> { ["secretAccessKey"] = "s" }),
            _ => (new Dictionary<string, string> { [field] = url }, new Dictionary<string, string> { ["apiKey"] = "k" }),
        };
        var response = await api.PostAsJsonAsync("/api/v1/dns-providers", new { customerId = customer, name = PortalSeed.UniqueName("D"), type, settings, secrets });
        if (accepted)
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        else
            Assert.Contains("https", (await ProblemAssert.IsInvalidFieldAsync(response, $"settings.{field}"))[0]);
    }

    [Fact]
    public async Task A_secret_in_settings_an_unknown_key_and_a_resolver_with_a_bad_port_are_refused_by_name()
    {
        var (api, customer) = await ArrangeAsync();
        await ProblemAssert.IsInvalidFieldAsync(await api.PostAsJsonAsync("/api/v1/dns-providers", new
        {
            customerId = customer, name = "CF", type = "cloudflare", settings = new { apiToken = "in-clear" }, secrets = new { apiToken = "t" },
        }), "settings.apiToken");
        await ProblemAssert.IsInvalidFieldAsync(await api.PostAsJsonAsync("/api/v1/dns-providers", new
        {
            customerId = customer, name = "CF", type = "cloudflare", settings = new { apiBaseurl = "https://x.example.test" }, secrets = new { apiToken = "t" },
        }), "settings.apiBaseurl");
        foreach (var resolvers in new object[] { "127.0.0.1:99999", new[] { "127.0.0.1:53", "[::1]:0" }, "8.8.8.8:dns", "[::1" })
        {
            var response = await api.PostAsJsonAsync("/api/v1/dns-providers", new
            {
                customerId = customer, name = "CF", type = "cloudflare", settings = new { resolvers }, secrets = new { apiToken = "t" },
            });
            Assert.Contains("1 to 65535", (await ProblemAssert.IsInvalidFieldAsync(response, "settings.resolvers"))[0]);
        }
        Assert.Equal(0, (await api.GetFromJsonAsync<JsonElement>($"/api/v1/dns-providers?customerId={customer}")).Total());
    }

    private async Task<(HttpClient Api, Guid Customer)> ArrangeAsync() =>
        (portal.ApiClient(await portal.CreateTokenAsync("technician")), (await portal.SeedCustomerAsync()).Id);
}
