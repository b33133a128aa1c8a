using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Features.AcmeServer;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.AcmeServer;

/// <summary>
/// Profiles end to end: the portal's ACME client orders from the portal's own ACME server (behind nginx for TLS, as
/// in production), over dns-01 through BIND, once with each profile the directory offers.
/// </summary>
public sealed class PortalOrdersFromItsOwnAcmeServerTests : IAsyncLifetime
{
    private readonly BindFixture _bind = new();
    private readonly NginxServer _nginx = new("acme-tls");
    private BrowserPortal _portal = null!;
    private string _tlsRootPem = "";

    public async Task InitializeAsync()
    {
        await _bind.InitializeAsync();
        _portal = new BrowserPortal(new Dictionary<string, string?>
        {
            ["CertPortal:Dns:Resolvers:0"] = _bind.NameServer,
            // BIND is the zone's authoritative server too, on its own port (the zone names ns1 at 127.0.0.1).
            ["CertPortal:Dns:AuthoritativePort"] = _bind.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CertPortal:ReverseProxy:KnownProxies:0"] = "127.0.0.1",
        });
        _tlsRootPem = await _nginx.StartTlsProxyAsync(_portal.Port);
    }

    [Fact]
    public async Task Both_profiles_are_offered_and_ordered_and_the_short_lived_certificate_lives_six_days_and_renews_in_its_ari_window()
    {
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));
        var ca = await (await api.PostAsJsonAsync("/api/v1/cas", new
        {
            customerId = customer.Id, name = "Contoso internal", subject = "CN=Contoso internal CA", keyType = "ec256", validityDays = 3650,
            permittedDnsNames = new[] { BindFixture.Zone },
        })).JsonAsync(HttpStatusCode.Created);
        var caId = ca.GetProperty("id").GetGuid();
        var eab = await (await api.PostAsJsonAsync("/api/v1/acme-server/eab-keys", new { caId, customerId = customer.Id, name = "portal client" }))
            .JsonAsync(HttpStatusCode.Created);
        var dns = await (await api.PostAsJsonAsync("/api/v1/dns-providers", new
        {
            customerId = customer.Id, name = "BIND", type = "rfc2136", settings = _bind.Rfc2136Settings(), secrets = new { tsigSecret = _bind.TsigSecret },
        })).JsonAsync(HttpStatusCode.Created);
        var account = await (await api.PostAsJsonAsync("/api/v1/acme-accounts", new
        {
            customerId = customer.Id, name = "Own ACME server", directoryUrl = $"https://127.0.0.1:{_nginx.Port}/acme/{caId}/directory", email = "ops@example.com",
            eabKeyId = eab.GetProperty("keyId").GetString(), eabHmacKey = eab.GetProperty("hmacKey").GetString(), trustedRootsPem = _tlsRootPem,
        })).JsonAsync(HttpStatusCode.Created);
        var accountId = account.GetProperty("id").GetGuid();

        var profiles = await (await api.GetAsync($"/api/v1/acme-accounts/{accountId}/profiles")).JsonAsync();
        Assert.Equal([AcmeProfiles.Default, AcmeProfiles.ShortLived], profiles.EnumerateArray().Select(p => p.GetProperty("name").GetString()!).Order());

        var shortLived = await OrderAsync(api, customer.Id, accountId, dns.GetProperty("id").GetGuid(), "short.example.test", AcmeProfiles.ShortLived);
        var classic = await OrderAsync(api, customer.Id, accountId, dns.GetProperty("id").GetGuid(), "long.example.test", AcmeProfiles.Default);

        AssertLifetimeAndWindow(shortLived, AcmeProfiles.ShortLivedValidityDays);
        AssertLifetimeAndWindow(classic, AcmeProfiles.DefaultValidityDays);
        Assert.Equal(AcmeProfiles.ShortLived, shortLived.GetProperty("profile").GetString());
        // What the server issued lands in the CA's client-certificate inventory as a server certificate.
        var inventory = await (await api.GetAsync($"/api/v1/client-certs?caId={caId}")).JsonAsync();
        Assert.Equal(2, inventory.Items().Count());
    }

    private static async Task<JsonElement> OrderAsync(HttpClient api, Guid customerId, Guid accountId, Guid dnsProviderId, string name, string profile)
    {
        var request = await api.PostAsJsonAsync("/api/v1/certificates", new
        {
            customerId, commonName = name, acmeAccountId = accountId, dnsProviderId, challengeType = "dns-01", keyType = "ec256", profile,
        });
        var id = await IssuanceSetup.IdOf(request);
        JsonElement certificate = default;
        for (var deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline; await Task.Delay(250))
            if ((certificate = await api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}")).GetProperty("status").GetString() is "valid" or "failed")
                break;
        var runs = await api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}/runs");
        Assert.True(certificate.GetProperty("status").GetString() == "valid", $"{certificate}\n{runs}");
        return certificate;
    }

    // The server's ARI window is the lifetime's two thirds to five sixths; the client renews inside it.
    private static void AssertLifetimeAndWindow(JsonElement certificate, int days)
    {
        var notBefore = certificate.GetProperty("notBefore").GetDateTime();
        var notAfter = certificate.GetProperty("notAfter").GetDateTime();
        var renewAfter = certificate.GetProperty("renewAfter").GetDateTime();
        var lifetime = notAfter - notBefore;
        Assert.InRange(lifetime, TimeSpan.FromDays(days) - TimeSpan.FromHours(2), TimeSpan.FromDays(days) + TimeSpan.FromHours(2));
        Assert.InRange(renewAfter, notBefore + lifetime * 2 / 3 - TimeSpan.FromMinutes(5), notBefore + lifetime * 5 / 6 + TimeSpan.FromMinutes(5));
    }

    public async Task DisposeAsync()
    {
        _nginx.Dispose();
        await _portal.DisposeAsync();
        await _bind.DisposeAsync();
    }
}
