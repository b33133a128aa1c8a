using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPortal.Tests.ClientCerts;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Targets;

namespace CertPortal.Tests.Deployments;

/// <summary>
/// Trust pushed over a real sshd into a real nginx that demands client certificates (<c>ssl_verify_client on</c>):
/// a certificate of the portal's CA gets in; revoked in the portal, the re-signed CRL is pushed by itself, nginx is
/// reloaded, and the same certificate is refused.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TrustPushNginxTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IDisposable
{
    private readonly PortalFactory _portal = new();
    private readonly NginxFixture _nginx = new();

    [Fact]
    public async Task A_client_certificate_revoked_in_the_portal_is_refused_by_nginx_after_the_pushed_crl_is_reloaded()
    {
        var setup = await ClientCertSetup.CreateAsync(_portal);
        var ca = await setup.CreateCaAsync("CN=Contoso Devices,O=Contoso");
        var caId = Guid.Parse(ca.Str("id")!);
        var server = Guid.Parse((await setup.IssueAsync(caId, "localhost", "server", ["localhost", "ip:127.0.0.1"])).Str("id")!);
        var client = Guid.Parse((await setup.IssueAsync(caId, "judy", email: "judy@contoso.test")).Str("id")!);
        // nginx starts with a CA file and CRL of another CA: only the push makes the portal's CA trusted there.
        var other = await setup.CreateCaAsync("CN=Someone Else,O=Contoso");
        await _nginx.StartAsync(await setup.DownloadTextAsync(server, "pem-fullchain"), await setup.DownloadTextAsync(server, "pem-key"),
            other.Str("certificatePem")!, await setup.Api.GetStringAsync($"/pki/{other.Str("id")}/crl?format=pem"));
        var (clientPem, clientKey) = (await setup.DownloadTextAsync(client, "pem-cert"), await setup.DownloadTextAsync(client, "pem-key"));
        using var clientCertificate = X509Certificate2.CreateFromPem(clientPem, clientKey);
        Assert.Equal(HttpStatusCode.BadRequest, await StatusWithAsync(clientCertificate));

        var target = await setup.Api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = setup.CustomerId, name = "mTLS gateway", type = "ssh", secrets = new { privateKey = sshd.ClientKeyPem },
            settings = new
            {
                host = "127.0.0.1", port = sshd.Port.ToString(), username = sshd.User, hostKeySha256 = sshd.HostKeySha256,
                certPath = Path.Combine(_nginx.Folder, "server.pem"), keyPath = Path.Combine(_nginx.Folder, "server.key"),
                testCommand = _nginx.TestCommand, reloadCommand = _nginx.ReloadCommand,
            },
        });
        var targetId = Guid.Parse((await target.JsonAsync(HttpStatusCode.Created)).Str("id")!);
        var created = await (await setup.Api.PostAsJsonAsync("/api/v1/trust-deployments", new
        {
            caId, targetId, options = new Dictionary<string, string> { ["caPath"] = _nginx.CaPath, ["crlPath"] = _nginx.CrlPath },
        })).JsonAsync(HttpStatusCode.Created);
        var bindingId = created.Str("id")!;

        var first = await RunPolling.WaitForFinishAsync(setup.Api, $"/api/v1/trust-deployments/{bindingId}/runs/{created.GetProperty("lastRun").Str("runId")}");
        Assert.True(first.Str("status") == "verified", first.ToString());
        Assert.Equal(["start", "connect", "upload", "test", "reload", "verify"], first.GetProperty("steps").EnumerateArray().Select(s => s.Str("name")));
        Assert.Equal(ca.Str("certificatePem")!.Trim(), (await File.ReadAllTextAsync(_nginx.CaPath)).Trim());
        var admitted = await EventuallyAsync(clientCertificate, HttpStatusCode.OK);
        Assert.True(admitted == HttpStatusCode.OK, _nginx.ErrorLog());

        await (await setup.Api.PostAsJsonAsync($"/api/v1/client-certs/{client}/revoke", new { reason = "keyCompromise" })).JsonAsync();
        var signed = (await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/cas/{caId}")).GetProperty("crlNumber").GetInt64();
        var pushed = await RunPolling.WaitForCrlRunAsync(setup.Api, bindingId, signed);

        Assert.True(pushed.Str("status") == "verified", pushed.ToString());
        Assert.Equal($"CRL {signed} signed", pushed.Str("triggeredBy"));
        Assert.Equal((await setup.Api.GetStringAsync($"/pki/{caId}/crl?format=pem")).Trim(), (await File.ReadAllTextAsync(_nginx.CrlPath)).Trim());
        Assert.Equal(HttpStatusCode.BadRequest, await EventuallyAsync(clientCertificate, HttpStatusCode.BadRequest));
        Assert.Contains("certificate revoked", _nginx.ErrorLog());
        var binding = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/trust-deployments/{bindingId}");
        Assert.Equal(signed, binding.GetProperty("verifiedCrlNumber").GetInt64());
    }

    // nginx's old worker finishes its connections after a reload; new ones meet the new files within a moment.
    private async Task<HttpStatusCode> EventuallyAsync(X509Certificate2 certificate, HttpStatusCode wanted)
    {
        var status = await StatusWithAsync(certificate);
        for (var i = 0; i < 50 && status != wanted; i++)
        {
            await Task.Delay(100);
            status = await StatusWithAsync(certificate);
        }
        return status;
    }

    private async Task<HttpStatusCode> StatusWithAsync(X509Certificate2 certificate)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true, ClientCertificateOptions = ClientCertificateOption.Manual };
        handler.ClientCertificates.Add(certificate);
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        return (await http.GetAsync(_nginx.Url)).StatusCode;
    }

    public void Dispose()
    {
        _nginx.Dispose();
        _portal.Dispose();
    }
}
