using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Targets;

/// <summary>
/// Where a target's secrets travel is fixed by its endpoint settings: changing one drops the stored secrets (they
/// must come again), the audit shows old and new endpoint, API URLs are https (http only on loopback), and settings
/// take only the declared, non-secret keys with usable ports.
/// </summary>
public sealed class TargetEndpointRulesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string ApiToken = "fortigate-api-token-7Q2";

    [Fact]
    public async Task Moving_a_firewall_to_another_address_needs_its_api_token_again_and_the_audit_shows_both_addresses()
    {
        var (api, customer) = await ArrangeAsync();
        var id = await CreateAsync(api, customer, "fortigate", new { baseUrl = "https://fw1.example.test" }, new { apiToken = ApiToken });

        var kept = await api.PutAsJsonAsync($"/api/v1/targets/{id}", new { name = "Edge", type = "fortigate", settings = new { baseUrl = "https://attacker.example.test" } });
        var messages = await ProblemAssert.IsInvalidFieldAsync(kept, "secrets.apiToken");
        Assert.Contains("baseUrl changed", messages[0]);
        Assert.Equal("https://fw1.example.test", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/targets/{id}")).GetProperty("settings").GetProperty("baseUrl").GetString());

        var moved = await api.PutAsJsonAsync($"/api/v1/targets/{id}", new
        {
            name = "Edge", type = "fortigate", settings = new { baseUrl = "https://fw2.example.test" }, secrets = new { apiToken = "new-token-for-fw2" },
        });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var audit = await api.GetStringAsync($"/api/v1/audit?entityId={id}");
        Assert.Contains("baseUrl 'https://fw1.example.test' → 'https://fw2.example.test'", audit);
        Assert.DoesNotContain(ApiToken, audit);
        Assert.DoesNotContain("new-token-for-fw2", audit);
    }

    [Fact]
    public async Task Every_stored_secret_is_asked_for_again_when_the_ssh_host_or_pinned_key_changes_but_not_for_a_rename()
    {
        var (api, customer) = await ArrangeAsync();
        var settings = new Dictionary<string, string>
        {
            ["host"] = "web1.example.test", ["username"] = "deploy", ["certPath"] = "/etc/c.pem", ["keyPath"] = "/etc/k.pem", ["reloadCommand"] = "true",
            ["hostKeySha256"] = "SHA256:" + new string('A', 43),
        };
        var id = await CreateAsync(api, customer, "ssh", settings, new { password = "ssh-password-1" });

        var renamed = await api.PutAsJsonAsync($"/api/v1/targets/{id}", new { name = "Web one", type = "ssh", settings });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        var otherKey = new Dictionary<string, string>(settings) { ["hostKeySha256"] = "SHA256:" + new string('B', 43) };
        var keyOnly = await api.PutAsJsonAsync($"/api/v1/targets/{id}", new { name = "Web one", type = "ssh", settings = otherKey, secrets = new { privateKey = "-----BEGIN OPENSSH PRIVATE KEY-----" } });
        Assert.Contains("hostKeySha256 changed", (await ProblemAssert.IsInvalidFieldAsync(keyOnly, "secrets.password"))[0]);

        var otherPort = new Dictionary<string, string>(settings) { ["port"] = "2222" };
        await ProblemAssert.IsInvalidFieldAsync(await api.PutAsJsonAsync($"/api/v1/targets/{id}", new { name = "Web one", type = "ssh", settings = otherPort }), "secrets.password");
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/targets/{id}", new { name = "Web one", type = "ssh", settings = otherPort, secrets = new { password = "p2" } })).StatusCode);
    }

    [Theory]
    [InlineData("webhook", "url", "http://hooks.example.test/cert", false)]
    [InlineData("webhook", "url", "http://10.0.0.5/cert", false)]
    [InlineData("webhook", "url", "ftp://hooks.example.test/cert", false)]
    [InlineData("webhook", "url", "https://user:pw@hooks.example.test/cert", false)]
    [InlineData("webhook", "url", "http://127.0.0.2:8080/cert", true)]
    [InlineData("webhook", "url", "http://localhost:8080/cert", true)]
    [InlineData("webhook", "url", "http://[::1]:8080/cert", true)]
    [InlineData("webhook", "url", "https://hooks.example.test/cert", true)]
    [InlineData("fortigate", "baseUrl", "http://192.168.1.1", false)]
    [InlineData("panos", "baseUrl", "http://fw.example.test", false)]
    public async Task Api_urls_must_be_https_except_on_loopback(string type, string field, string url, bool accepted)
    {
        var (api, customer) = await ArrangeAsync();
        var (settings, secrets) = type switch
        {
            "webhook" => (new Dictionary<string, string> { [field] = url }, new Dictionary<string, string> { ["hmacSecret"] = "h" }),
            "fortigate" => (new Dictionary<string, string> { [field] = url }, new Dictionary<string, string> { ["apiToken"] = "t" }),
            _ => (new Dictionary<string, string> { [field] = url, ["certificateName"] = "c" }, new Dictionary<string, string> { ["apiKey"] = "k" }),
        };
        var response = await api.PostAsJsonAsync("/api/v1/targets", new { customerId = customer, name = PortalSeed.UniqueName("T"), type, settings, secrets });
        if (accepted)
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        else
            await ProblemAssert.IsInvalidFieldAsync(response, $"settings.{field}");
    }

    [Fact]
    public async Task A_secret_named_in_settings_and_an_unknown_setting_are_refused_with_the_key_named()
    {
        var (api, customer) = await ArrangeAsync();
        var secretInSettings = await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer, name = "Sonic", type = "sonicwall", settings = new { baseUrl = "https://sw.example.test", username = "admin", password = "in-clear" }, secrets = new { password = "p" },
        });
        Assert.Contains("send it in secrets", (await ProblemAssert.IsInvalidFieldAsync(secretInSettings, "settings.password"))[0]);
        var unknown = await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer, name = "Hook", type = "webhook", settings = new { url = "https://h.example.test", colour = "blue" }, secrets = new { hmacSecret = "h" },
        });
        Assert.Contains("'colour'", (await ProblemAssert.IsInvalidFieldAsync(unknown, "settings.colour"))[0]);
        Assert.Equal(0, (await api.GetFromJsonAsync<JsonElement>($"/api/v1/targets?customerId={customer}")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("99999999999")]
    [InlineData("-22")]
    [InlineData("ssh")]
    public async Task An_ssh_port_outside_1_to_65535_is_refused(string port)
    {
        var (api, customer) = await ArrangeAsync();
        var response = await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer, name = PortalSeed.UniqueName("Ssh"), type = "ssh",
            settings = new { host = "web1.example.test", port, username = "deploy", certPath = "/c", keyPath = "/k", reloadCommand = "true" }, secrets = new { password = "p" },
        });
        Assert.Contains("1 to 65535", (await ProblemAssert.IsInvalidFieldAsync(response, "settings.port"))[0]);
    }

    private async Task<(HttpClient Api, Guid Customer)> ArrangeAsync() =>
        (portal.ApiClient(await portal.CreateTokenAsync("technician")), (await portal.SeedCustomerAsync()).Id);

    private static async Task<string> CreateAsync(HttpClient api, Guid customer, string type, object settings, object secrets)
    {
        var response = await api.PostAsJsonAsync("/api/v1/targets", new { customerId = customer, name = "Edge", type, settings, secrets });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }
}
