using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPortal.Features.Targets.Connectors;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Targets;

/// <summary>/api/v1/targets with the webhook connector against a receiver that checks signatures: secrets write-only, a real Test, clear refusals.</summary>
public sealed class TargetApiTests : IDisposable
{
    private const string Secret = "shared-webhook-secret-1";
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task A_webhook_target_is_created_tested_and_its_secret_never_shown_and_a_wrong_secret_fails_the_test()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));
        var created = await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer.Id, name = "Ops hook", type = "webhook", settings = new { url = receiver.Url }, secrets = new { hmacSecret = Secret },
        });
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, text);
        Assert.DoesNotContain(Secret, text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString();
        Assert.Contains("\"hmacSecret\":\"set\"", text);

        var test = await (await api.PostAsync($"/api/v1/targets/{id}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(test.GetProperty("ok").GetBoolean(), test.ToString());
        Assert.Equal("test", Assert.Single(receiver.Received).GetProperty("event").GetString());

        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/targets/{id}", new { name = "Ops hook", type = "webhook", settings = new { url = receiver.Url }, secrets = new { hmacSecret = "wrong" } })).StatusCode);
        var failed = await (await api.PostAsync($"/api/v1/targets/{id}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(failed.GetProperty("ok").GetBoolean());
        Assert.Contains("401", failed.GetProperty("message").GetString());
        var audit = await api.GetStringAsync($"/api/v1/audit?entityId={id}");
        Assert.Contains("target.test", audit);
        Assert.DoesNotContain(Secret, audit);
    }

    [Fact]
    public async Task Missing_fields_an_unknown_type_and_a_bad_pin_are_refused_with_the_field_named()
    {
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));
        await ProblemAssert.IsInvalidFieldAsync(await api.PostAsJsonAsync("/api/v1/targets", new { customerId = customer.Id, name = "X", type = "webhook", settings = new { } }), "settings.url");
        await ProblemAssert.IsInvalidFieldAsync(await api.PostAsJsonAsync("/api/v1/targets", new { customerId = customer.Id, name = "X", type = "telnet", settings = new { } }), "type");
        await ProblemAssert.IsInvalidFieldAsync(await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer.Id, name = "X", type = "webhook", settings = new { url = "https://hook.example", tlsTrust = "pinned", pinnedCertSha256 = "abc" }, secrets = new { hmacSecret = "s" },
        }), "settings.pinnedCertSha256");
        var badChoices = await ProblemAssert.IsInvalidFieldAsync(await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer.Id, name = "Y", type = "sonicwall", settings = new { baseUrl = "https://fw.example:4443", username = "admin", importVia = "tftp", tlsTrust = "maybe" },
            secrets = new { password = "p" },
        }), "settings.importVia");
        Assert.Equal("Import via must be api or ftp, not 'tftp'.", badChoices[0]);
        var flag = await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer.Id, name = "Z", type = "fortigate", settings = new { baseUrl = "https://fgt.example", bindAdminGui = true, bindSslVpn = "yes please", keepOld = false },
            secrets = new { apiToken = "t" },
        });
        Assert.Contains("must be true or false, not 'yes please'", (await ProblemAssert.IsInvalidFieldAsync(flag, "settings.bindSslVpn"))[0]);
        await ProblemAssert.IsProblemAsync(await api.GetAsync($"/api/v1/targets/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        var readonlyApi = _portal.ApiClient(await _portal.CreateTokenAsync("readonly"));
        await ProblemAssert.IsProblemAsync(await readonlyApi.PostAsJsonAsync("/api/v1/targets", new { customerId = customer.Id, name = "X", type = "webhook" }), HttpStatusCode.Forbidden);
        Assert.Equal(0, (await api.GetFromJsonAsync<JsonElement>("/api/v1/targets")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_iis_target_is_offered_with_its_declared_fields_and_needs_its_site()
    {
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));
        var settings = new Dictionary<string, string> { ["host"] = "web01.example.test", ["username"] = "deploy", ["hostName"] = "www.example.test" };

        await ProblemAssert.IsInvalidFieldAsync(await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer.Id, name = "Web01", type = "iis", settings, secrets = new { password = "iis-secret-1" },
        }), "settings.siteName");
        settings["siteName"] = "Default Web Site";
        var created = await api.PostAsJsonAsync("/api/v1/targets", new { customerId = customer.Id, name = "Web01", type = "iis", settings, secrets = new { password = "iis-secret-1" } });

        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, text);
        Assert.DoesNotContain("iis-secret-1", text);
        Assert.Contains("\"password\":\"set\"", text);
        var fields = _portal.Service<TargetConnectors>().Find("iis")!.Fields;
        Assert.All(fields.Where(f => f.Name is "privateKey" or "password"), f => Assert.True(f.Secret));
        Assert.All(fields, f => Assert.False(string.IsNullOrWhiteSpace(f.Label) || string.IsNullOrWhiteSpace(f.Help)));
    }

    [Fact]
    public async Task The_webhook_deploys_without_the_key_unless_asked_and_rolls_back_to_the_previous_version()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var connector = new WebhookConnector(TimeProvider.System);
        var settings = new TargetSettings(new Dictionary<string, string?> { ["url"] = receiver.Url }, new Dictionary<string, string?> { ["hmacSecret"] = Secret });
        var (first, second) = (Deployable(1), Deployable(2));
        var steps = new List<string>();
        var run = new ConnectorRun(settings, new Dictionary<string, string?>(), second, first, (name, message) => { steps.Add($"{name}: {message}"); return Task.CompletedTask; });

        await connector.DeployAsync(run, CancellationToken.None);
        await connector.RollbackAsync(run, CancellationToken.None);

        Assert.Equal(["certificate.deployed", "certificate.rollback"], receiver.Received.Select(r => r.GetProperty("event").GetString()));
        Assert.Equal(second.ThumbprintSha256, receiver.Received[0].GetProperty("thumbprintSha256").GetString());
        Assert.False(receiver.Received[0].TryGetProperty("keyPem", out _));
        Assert.Equal(first.ThumbprintSha256, receiver.Received[1].GetProperty("thumbprintSha256").GetString());
        Assert.Contains(steps, s => s.StartsWith("upload: POSTed version 2"));

        var withKey = settings with { Values = new Dictionary<string, string?> { ["url"] = receiver.Url, ["includeKey"] = "true" } };
        await connector.DeployAsync(new ConnectorRun(withKey, new Dictionary<string, string?>(), second, first, (_, _) => Task.CompletedTask), CancellationToken.None);
        Assert.Contains("PRIVATE KEY", receiver.Received[2].GetProperty("keyPem").GetString());
    }

    private static DeployableCertificate Deployable(int version)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=hook.example.test", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return new DeployableCertificate(Guid.NewGuid(), version, "hook.example.test", ["hook.example.test"], certificate.ExportCertificatePem() + "\n", "",
            key.ExportPkcs8PrivateKeyPem(), Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)), certificate.NotAfter.ToUniversalTime());
    }

    [Fact]
    public async Task Trusting_a_host_key_is_refused_for_a_type_without_one_and_for_a_fingerprint_that_is_not_sha256()
    {
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));
        var hook = await IdOfAsync(await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer.Id, name = "Hook", type = "webhook", settings = new { url = "https://hooks.example.test/x" }, secrets = new { hmacSecret = "s" },
        }));
        var ssh = await IdOfAsync(await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer.Id, name = "Host", type = "ssh", secrets = new { password = "pw" },
            settings = new { host = "192.0.2.1", username = "deploy", certPath = "/etc/ssl/c.pem", keyPath = "/etc/ssl/k.pem", reloadCommand = "true" },
        }));
        var fingerprint = "SHA256:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=');

        Assert.Contains("has no SSH host key", (await ProblemAssert.IsInvalidFieldAsync(
            await api.PostAsJsonAsync($"/api/v1/targets/{hook}/trust-host-key", new { hostKeySha256 = fingerprint }), "hostKeySha256"))[0]);
        Assert.Contains("SHA256:", (await ProblemAssert.IsInvalidFieldAsync(
            await api.PostAsJsonAsync($"/api/v1/targets/{ssh}/trust-host-key", new { hostKeySha256 = "MD5:aa:bb" }), "hostKeySha256"))[0]);
        var unchanged = await api.GetFromJsonAsync<JsonElement>($"/api/v1/targets/{ssh}");
        Assert.False(unchanged.GetProperty("settings").TryGetProperty("hostKeySha256", out _));

        var trusted = await api.PostAsJsonAsync($"/api/v1/targets/{ssh}/trust-host-key", new { hostKeySha256 = $"256 {fingerprint} root@host (ED25519)" });
        Assert.Equal(HttpStatusCode.OK, trusted.StatusCode);
        Assert.Equal(fingerprint, (await trusted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("settings").GetProperty("hostKeySha256").GetString());
        Assert.Contains("Refused", await api.GetStringAsync($"/api/v1/audit?entityId={hook}&action=target.trust-host-key"));
    }

    private static async Task<string> IdOfAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    public void Dispose() => _portal.Dispose();
}
