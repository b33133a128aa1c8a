using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Acme;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Certificates;

/// <summary>/api/v1/acme-accounts against a Pebble that requires External Account Binding, as ZeroSSL and Google do.</summary>
public sealed class AcmeAccountApiTests(PebbleWithEabFixture pebble) : IClassFixture<PebbleWithEabFixture>, IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task An_account_registers_with_eab_keeps_the_hmac_key_write_only_and_without_eab_the_ca_refusal_is_explained()
    {
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));

        var refused = await api.PostAsJsonAsync("/api/v1/acme-accounts", new
        {
            customerId = customer.Id, name = "No EAB", directoryUrl = pebble.DirectoryUrl, email = "ops@example.com", trustedRootsPem = pebble.TlsRootPem,
        });
        Assert.Contains("External Account Binding", (await ProblemAssert.IsInvalidFieldAsync(refused, "eabKeyId"))[0]);

        var created = await api.PostAsJsonAsync("/api/v1/acme-accounts", new
        {
            customerId = customer.Id, name = "With EAB", directoryUrl = pebble.DirectoryUrl, email = "ops@example.com", trustedRootsPem = pebble.TlsRootPem,
            eabKeyId = PebbleFixture.EabKeyId, secrets = new { eabHmacKey = PebbleFixture.EabHmacKeyBase64Url },
        });
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, text);
        Assert.DoesNotContain(PebbleFixture.EabHmacKeyBase64Url, text);
        var account = JsonDocument.Parse(text).RootElement;
        Assert.Equal("set", account.GetProperty("secrets").GetProperty("eabHmacKey").GetString());
        Assert.StartsWith("https://127.0.0.1:", account.GetProperty("accountUrl").GetString());
        Assert.Equal($"/api/v1/acme-accounts/{account.GetProperty("id").GetString()}", created.Headers.Location!.ToString());

        var readonlyApi = _portal.ApiClient(await _portal.CreateTokenAsync("readonly"));
        var listed = await readonlyApi.GetStringAsync("/api/v1/acme-accounts");
        Assert.Contains("With EAB", listed);
        Assert.DoesNotContain(PebbleFixture.EabHmacKeyBase64Url, listed);
        var audit = await api.GetStringAsync("/api/v1/audit?action=acme-account.register");
        Assert.DoesNotContain(PebbleFixture.EabHmacKeyBase64Url, audit);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/acme-accounts/{account.GetProperty("id").GetString()}")).StatusCode);
    }

    [Fact]
    public async Task Presets_name_the_public_cas_and_which_need_eab()
    {
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("readonly"));
        var presets = await api.GetFromJsonAsync<JsonElement>("/api/v1/acme-accounts/presets");
        var byId = presets.EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!, p => p);
        Assert.Equal("https://acme-v02.api.letsencrypt.org/directory", byId["letsencrypt"].GetProperty("directoryUrl").GetString());
        Assert.True(byId["zerossl"].GetProperty("requiresEab").GetBoolean());
        Assert.True(byId["google"].GetProperty("requiresEab").GetBoolean());
        Assert.Contains("buypass", byId.Keys);
    }

    public void Dispose() => _portal.Dispose();
}
