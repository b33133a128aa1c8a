using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPortal.Tests.ClientCerts;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Targets.Simulators;

namespace CertPortal.Tests.Deployments;

/// <summary>
/// A trust deployment to an iis target through the API and the real trust runner: the portal's CA lands in the
/// simulated server's LocalMachine\Root with its CRL in \CA, and a revocation in the portal pushes the re-signed CRL.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TrustPushIisTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private IisSimulator _iis = null!;
    private string? _keptCrl;

    public async Task InitializeAsync() => _iis = await IisSimulator.StartAsync("Default Web Site");

    public async Task DisposeAsync()
    {
        var unsupported = await _iis.StopAsync();
        _portal.Dispose();
        if (_keptCrl is not null)
            File.Delete(_keptCrl);
        Assert.Empty(unsupported);
    }

    [Fact]
    public async Task A_trust_deployment_puts_the_ca_in_root_and_every_new_crl_of_it_in_the_ca_store()
    {
        var setup = await ClientCertSetup.CreateAsync(_portal);
        var ca = await setup.CreateCaAsync("CN=Contoso Devices,O=Contoso");
        var caId = Guid.Parse(ca.Str("id")!);
        _keptCrl = IisSimulator.KeptCrlPath(ca.Str("thumbprintSha256")!);
        var client = Guid.Parse((await setup.IssueAsync(caId, "judy", email: "judy@contoso.test")).Str("id")!);
        var target = await (await setup.Api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = setup.CustomerId, name = "Web01", type = "iis", secrets = new { privateKey = _iis.Sshd.ClientKeyPem },
            settings = new { host = "127.0.0.1", port = _iis.Sshd.Port.ToString(), username = _iis.Sshd.User, hostKeySha256 = _iis.Sshd.HostKeySha256, siteName = "Default Web Site" },
        })).JsonAsync(HttpStatusCode.Created);

        var created = await (await setup.Api.PostAsJsonAsync("/api/v1/trust-deployments", new { caId, targetId = target.Str("id") })).JsonAsync(HttpStatusCode.Created);
        var bindingId = created.Str("id")!;
        var first = await RunPolling.WaitForFinishAsync(setup.Api, $"/api/v1/trust-deployments/{bindingId}/runs/{created.GetProperty("lastRun").Str("runId")}");

        Assert.True(first.Str("status") == "verified", first.ToString());
        Assert.Equal(["start", "connect", "import", "crl", "verify"], first.GetProperty("steps").EnumerateArray().Select(s => s.Str("name")));
        using var caCertificate = X509Certificate2.CreateFromPem(ca.Str("certificatePem")!);
        Assert.True(_iis.TrustStores["Root"].ContainsKey(caCertificate.Thumbprint));
        Assert.Equal(await setup.Api.GetByteArrayAsync($"/pki/{caId}/crl"), Assert.Single(_iis.Crls));

        await (await setup.Api.PostAsJsonAsync($"/api/v1/client-certs/{client}/revoke", new { reason = "keyCompromise" })).JsonAsync();
        var signed = (await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/cas/{caId}")).GetProperty("crlNumber").GetInt64();
        var pushed = await RunPolling.WaitForCrlRunAsync(setup.Api, bindingId, signed);

        Assert.True(pushed.Str("status") == "verified", pushed.ToString());
        Assert.Contains(pushed.GetProperty("steps").EnumerateArray(), s => s.Str("name") == "crl" && s.Str("message")!.Contains("pushed before"));
        Assert.Equal(await setup.Api.GetByteArrayAsync($"/pki/{caId}/crl"), Assert.Single(_iis.Crls));
        Assert.Single(_iis.TrustStores["Root"]);
        var binding = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/trust-deployments/{bindingId}");
        Assert.Equal(signed, binding.GetProperty("verifiedCrlNumber").GetInt64());
    }
}
