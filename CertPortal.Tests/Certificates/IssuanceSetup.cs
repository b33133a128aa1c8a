using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Certificates;

/// <summary>
/// What a technician sets up before asking for a certificate, through the API: a customer, an rfc2136 DNS provider
/// writing into the test BIND, and an ACME account at the test Pebble. Then asks and waits.
/// </summary>
public sealed class IssuanceSetup
{
    private IssuanceSetup(HttpClient api, Guid customerId, string dnsProviderId, string accountId)
    {
        Api = api;
        CustomerId = customerId;
        DnsProviderId = dnsProviderId;
        AccountId = accountId;
    }

    public HttpClient Api { get; }

    public Guid CustomerId { get; }

    public string DnsProviderId { get; }

    public string AccountId { get; }

    public static async Task<IssuanceSetup> CreateAsync(PortalFactory portal, PebbleOnBindFixture peers, string role = "technician", Uri? directoryUrl = null)
    {
        var customer = await portal.SeedCustomerAsync();
        return await CreateAsync(portal.ApiClient(await portal.CreateTokenAsync(role)), customer.Id, peers, ProviderSettings(peers), directoryUrl);
    }

    /// <summary>The same with a DNS provider of another type, e.g. a script hook or acme-dns.</summary>
    public static async Task<IssuanceSetup> CreateAsync(PortalFactory portal, PebbleOnBindFixture peers, string role, string providerType,
        Dictionary<string, object?> providerSettings, object secrets)
    {
        var customer = await portal.SeedCustomerAsync();
        return await CreateAsync(portal.ApiClient(await portal.CreateTokenAsync(role)), customer.Id, peers, providerSettings, null, providerType, secrets);
    }

    /// <summary>The same against the portal running as its own process, where the customer too is made through the API.</summary>
    public static async Task<IssuanceSetup> CreateAsync(PortalProcess portal, PebbleOnBindFixture peers, Dictionary<string, object?>? providerSettings = null)
    {
        var api = await portal.ApiClientAsync();
        var customer = await api.PostAsJsonAsync("/api/v1/customers", new { name = PortalSeed.UniqueName("Customer"), notes = "", alertEmails = Array.Empty<string>() });
        Assert.True(customer.StatusCode == HttpStatusCode.Created, await customer.Content.ReadAsStringAsync());
        return await CreateAsync(api, Guid.Parse(await IdOf(customer)), peers, providerSettings ?? ProviderSettings(peers), null);
    }

    /// <summary>rfc2136 settings for the test BIND; the propagation check asks <paramref name="resolvers"/> (default: that BIND).</summary>
    public static Dictionary<string, object?> ProviderSettings(PebbleOnBindFixture peers, string[]? resolvers = null, int propagationTimeoutSeconds = 20)
    {
        var settings = peers.Bind.Rfc2136Settings().ToDictionary(s => s.Key, s => (object?)s.Value);
        settings["resolvers"] = resolvers ?? [peers.Bind.NameServer];
        settings["propagationTimeoutSeconds"] = propagationTimeoutSeconds;
        return settings;
    }

    private static async Task<IssuanceSetup> CreateAsync(HttpClient api, Guid customerId, PebbleOnBindFixture peers, Dictionary<string, object?> providerSettings, Uri? directoryUrl,
        string providerType = "rfc2136", object? secrets = null)
    {
        var provider = await api.PostAsJsonAsync("/api/v1/dns-providers", new
        {
            customerId, name = "BIND", type = providerType, settings = providerSettings, secrets = secrets ?? new { tsigSecret = peers.Bind.TsigSecret },
        });
        Assert.True(provider.StatusCode == HttpStatusCode.Created, await provider.Content.ReadAsStringAsync());
        var account = await api.PostAsJsonAsync("/api/v1/acme-accounts", new
        {
            customerId, name = "Pebble", directoryUrl = directoryUrl ?? peers.Pebble.DirectoryUrl, email = "ops@example.com", trustedRootsPem = peers.Pebble.TlsRootPem,
        });
        Assert.True(account.StatusCode == HttpStatusCode.Created, await account.Content.ReadAsStringAsync());
        return new IssuanceSetup(api, customerId, await IdOf(provider), await IdOf(account));
    }

    public object Request(string commonName, string[]? sans = null, string keyType = "ec256", bool autoRenew = true, string? profile = null) => new
    {
        customerId = CustomerId, commonName, subjectAlternativeNames = sans ?? [], acmeAccountId = AccountId, dnsProviderId = DnsProviderId, keyType, autoRenew, profile,
    };

    /// <summary>Asks for a certificate and answers its id (the 202's resource).</summary>
    public async Task<string> RequestAsync(string commonName, string[]? sans = null, string keyType = "ec256", bool autoRenew = true, string? profile = null)
    {
        var response = await Api.PostAsJsonAsync("/api/v1/certificates", Request(commonName, sans, keyType, autoRenew, profile));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await IdOf(response);
    }

    /// <summary>Polls the certificate until <paramref name="until"/> holds, or fails with what it last was.</summary>
    public async Task<JsonElement> WaitAsync(string id, Func<JsonElement, bool> until, int seconds = 90)
    {
        JsonElement last = default;
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            last = await Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}");
            if (until(last))
                return last;
        }
        // The runs say what the portal did meanwhile (an order that never started, or one that ended otherwise).
        var runs = await Api.GetStringAsync($"/api/v1/certificates/{id}/runs");
        throw new TimeoutException($"Certificate {id} did not get there in {seconds} s; last: {last}; runs: {runs}");
    }

    public Task<JsonElement> WaitForStatusAsync(string id, string status, int seconds = 90) =>
        WaitAsync(id, c => c.GetProperty("status").GetString() == status, seconds);

    public static async Task<string> IdOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
}
