using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.ClientCerts;

/// <summary>Arranges what client-certificate tests start from, through the API: a customer, a technician token, CAs.</summary>
internal sealed class ClientCertSetup
{
    private ClientCertSetup(PortalFactory portal, HttpClient api, Guid customerId, string tokenName) =>
        (Portal, Api, CustomerId, TokenName) = (portal, api, customerId, tokenName);

    public PortalFactory Portal { get; }

    public HttpClient Api { get; }

    public Guid CustomerId { get; }

    /// <summary>The technician token's name: audit entries of this setup's calls carry it.</summary>
    public string TokenName { get; }

    public static async Task<ClientCertSetup> CreateAsync(PortalFactory portal)
    {
        var customer = await portal.SeedCustomerAsync();
        var name = PortalSeed.UniqueName("tech");
        return new ClientCertSetup(portal, portal.ApiClient(await portal.CreateTokenAsync("technician", name: name)), customer.Id, name);
    }

    /// <summary>A CA of this customer (root, or intermediate under <paramref name="parentCaId"/>); returns its JSON.</summary>
    public async Task<JsonElement> CreateCaAsync(string subject, Guid? parentCaId = null, string[]? permittedDnsNames = null, string keyType = "ec256", bool shared = false)
    {
        var response = await Api.PostAsJsonAsync("/api/v1/cas", new
        {
            customerId = shared ? (Guid?)null : CustomerId, name = PortalSeed.UniqueName("CA"), subject, keyType, validityDays = 3650, parentCaId, permittedDnsNames,
        });
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    public async Task<JsonElement> IssueAsync(Guid caId, string commonName, string usage = "client", string[]? names = null, string? email = null, string keyType = "ec256")
    {
        var response = await Api.PostAsJsonAsync("/api/v1/client-certs", new
        {
            caId, commonName, email, organization = "Contoso", usage, subjectAlternativeNames = names ?? [], keyType, validityDays = 365,
        });
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    public async Task<string> DownloadTextAsync(Guid id, string format) =>
        await (await Api.GetAsync($"/api/v1/client-certs/{id}/download?format={format}")).EnsureSuccessStatusCode().Content.ReadAsStringAsync();

    public async Task<int> CountAsync() => (await (await Api.GetAsync($"/api/v1/client-certs?customerId={CustomerId}")).JsonAsync()).Total();

    /// <summary>The audit entries of one action caused by this setup's token, newest first.</summary>
    public async Task<JsonElement[]> AuditAsync(string action) =>
        (await (await Api.GetAsync($"/api/v1/audit?action={action}&user={TokenName}&pageSize=200")).JsonAsync()).Items();
}
