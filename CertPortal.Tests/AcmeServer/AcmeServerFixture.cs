using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.AcmeServer;

/// <summary>
/// The portal as its own process with BIND as its resolver and http-01 fetched from a loopback port the clients
/// listen on; a customer and a CA (name-constrained to example.test) made through the API, as a technician would.
/// </summary>
public sealed class AcmeServerFixture : IAsyncLifetime
{
    private readonly TempFolder _data = new("acme-server");

    public BindFixture Bind { get; } = new();

    public int HttpChallengePort { get; } = FreePort.Next();

    /// <summary>The portal binary to run (a benchmark runs the published one); null: the one built beside the tests.</summary>
    public string? App { get; init; }

    public PortalProcess Portal { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public Guid CustomerId { get; private set; }

    public Guid CaId { get; private set; }

    public string CaPem { get; private set; } = "";

    public string DirectoryUrl => $"{Portal.BaseUrl}/acme/{CaId}/directory";

    public string OcspUrl => $"{Portal.BaseUrl}/pki/{CaId}/ocsp";

    public async Task InitializeAsync()
    {
        await Bind.InitializeAsync();
        Portal = await PortalProcess.StartAsync(_data.Path, "admin@example.com", new Dictionary<string, string>
        {
            ["CertPortal__Dns__Resolvers__0"] = Bind.NameServer,
            ["CertPortal__AcmeServer__HttpChallengePort"] = HttpChallengePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, App);
        Api = await Portal.ApiClientAsync();
        var customer = await Api.PostAsJsonAsync("/api/v1/customers", new { name = PortalSeed.UniqueName("Customer"), notes = "", alertEmails = Array.Empty<string>() });
        CustomerId = (await customer.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var ca = await Api.PostAsJsonAsync("/api/v1/cas", new
        {
            customerId = CustomerId, name = PortalSeed.UniqueName("CA"), subject = "CN=Contoso ACME CA", keyType = "ec256", validityDays = 3650,
            permittedDnsNames = new[] { BindFixture.Zone },
        });
        var created = await ca.JsonAsync(HttpStatusCode.Created);
        (CaId, CaPem) = (created.GetProperty("id").GetGuid(), created.GetProperty("certificatePem").GetString()!);
    }

    /// <summary>A fresh EAB key (each binds one account): its key id and base64url HMAC key.</summary>
    public async Task<(string KeyId, string HmacKey)> NewEabKeyAsync(string[]? allowedDomains = null)
    {
        var response = await Api.PostAsJsonAsync("/api/v1/acme-server/eab-keys", new { caId = CaId, customerId = CustomerId, name = PortalSeed.UniqueName("server"), allowedDomains });
        var key = await response.JsonAsync(HttpStatusCode.Created);
        return (key.GetProperty("keyId").GetString()!, key.GetProperty("hmacKey").GetString()!);
    }

    /// <summary>Points <paramref name="name"/> at 127.0.0.1 in BIND, as a customer's DNS points at its server.</summary>
    public Task AddAddressAsync(string name) => AddRecordAsync(name, "A", "127.0.0.1");

    /// <summary>Writes a record into BIND with nsupdate, as a customer's own tooling would.</summary>
    public async Task AddRecordAsync(string name, string type, string value) =>
        (await CommandRun.RunAsync("/usr/bin/nsupdate", ["-y", $"hmac-sha256:{BindFixture.KeyName}:{Bind.TsigSecret}"],
            input: $"server 127.0.0.1 {Bind.Port}\nzone {BindFixture.Zone}\nupdate add {name}. 60 {type} {value}\nsend\n", seconds: 30)).Succeeded("nsupdate");

    /// <summary>The client-certificate inventory's row for <paramref name="serialHex"/>, as the API lists it.</summary>
    public async Task<JsonElement> InventoryRowAsync(string serialHex)
    {
        var list = await (await Api.GetAsync($"/api/v1/client-certs?caId={CaId}&search={serialHex}")).JsonAsync();
        return Assert.Single(list.Items());
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        Portal?.Dispose();
        await Bind.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class AcmeServerCollection : ICollectionFixture<AcmeServerFixture>
{
    public const string Name = "ACME server with BIND";
}
