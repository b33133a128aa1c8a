using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Pki;

namespace CertPortal.Tests.ClientCerts;

/// <summary>
/// The portal on a real Kestrel port, so the OCSP and CRL URLs written into certificates are reachable: openssl asks
/// OCSP and checks the CRL, nginx enforces the CRL against curl's client certificate, and openssl opens both PFX flavours.
/// </summary>
public sealed class ClientCertRevocationTests(BrowserPortal portal) : IClassFixture<BrowserPortal>, IDisposable
{
    private readonly TempFolder _folder = new("client-revocation");

    [Fact]
    public async Task Ocsp_says_good_then_revoked_and_the_crl_verifies_and_lists_the_revoked_serial()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var ca = await setup.CreateCaAsync("CN=Contoso VPN,O=Contoso");
        var caId = ca.Str("id")!;
        var issued = await setup.IssueAsync(Guid.Parse(caId), "grace", email: "grace@contoso.test");
        var id = Guid.Parse(issued.Str("id")!);
        Write("ca.pem", ca.Str("certificatePem")!);
        Write("leaf.pem", await setup.DownloadTextAsync(id, "pem-cert"));
        var ocspUrl = $"{portal.BaseUrl}/pki/{caId}/ocsp";
        Assert.Contains(ocspUrl, OpenSsl.Ok(_folder.Path, "x509", "-in", "leaf.pem", "-noout", "-ocsp_uri"));

        var good = OpenSsl.Ok(_folder.Path, "ocsp", "-issuer", "ca.pem", "-cert", "leaf.pem", "-url", ocspUrl, "-CAfile", "ca.pem", "-nonce");
        Assert.Contains("leaf.pem: good", good);
        Assert.Contains("Response verify OK", good);

        await (await setup.Api.PostAsJsonAsync($"/api/v1/client-certs/{id}/revoke", new { reason = "keyCompromise" })).JsonAsync();

        var revoked = OpenSsl.Ok(_folder.Path, "ocsp", "-issuer", "ca.pem", "-cert", "leaf.pem", "-url", ocspUrl, "-CAfile", "ca.pem");
        Assert.Contains("leaf.pem: revoked", revoked);
        Assert.Contains("Reason: keyCompromise", revoked);
        await File.WriteAllBytesAsync(Path.Combine(_folder.Path, "ca.crl"), await setup.Api.GetByteArrayAsync($"{portal.BaseUrl}/pki/{caId}/crl"));
        var crl = OpenSsl.Ok(_folder.Path, "crl", "-in", "ca.crl", "-inform", "DER", "-CAfile", "ca.pem", "-noout", "-text");
        Assert.Contains("verify OK", crl);
        Assert.Contains($"Serial Number: {issued.Str("serialNumber")!.TrimStart('0').ToUpperInvariant()}", crl.Replace("Serial Number: 0", "Serial Number: ", StringComparison.Ordinal));
        Assert.Contains("Key Compromise", crl);
    }

    [Fact]
    public async Task Openssl_opens_the_modern_pfx_and_the_legacy_one_with_its_legacy_switch()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var ca = await setup.CreateCaAsync("CN=Contoso VPN,O=Contoso");
        var issued = await setup.IssueAsync(Guid.Parse(ca.Str("id")!), "heidi", keyType: "rsa2048");
        var path = $"/api/v1/client-certs/{issued.Str("id")}/download?format=pfx&password=Correct-Horse-7";

        await File.WriteAllBytesAsync(Path.Combine(_folder.Path, "modern.pfx"), await setup.Api.GetByteArrayAsync(path));
        await File.WriteAllBytesAsync(Path.Combine(_folder.Path, "legacy.pfx"), await setup.Api.GetByteArrayAsync(path + "&flavour=legacy"));

        var modern = OpenSsl.Ok(_folder.Path, "pkcs12", "-in", "modern.pfx", "-passin", "pass:Correct-Horse-7", "-nodes", "-info");
        Assert.Contains("PBES2, PBKDF2, AES-256-CBC", modern);
        Assert.Contains("CN = heidi", modern);
        Assert.Contains("issuer=O = Contoso, CN = Contoso VPN", modern);
        Assert.Contains("subject=O = Contoso, CN = Contoso VPN", modern); // the chain travels with the key
        var legacy = OpenSsl.Ok(_folder.Path, "pkcs12", "-legacy", "-in", "legacy.pfx", "-passin", "pass:Correct-Horse-7", "-nodes", "-info");
        Assert.Contains("pbeWithSHA1And3-KeyTripleDES-CBC", legacy);
        Assert.Contains("PRIVATE KEY", legacy);
        await ProblemAssert.IsInvalidFieldAsync(await setup.Api.GetAsync(path + "&flavour=rc2"), "flavour");
        await ProblemAssert.IsInvalidFieldAsync(await setup.Api.GetAsync($"/api/v1/client-certs/{issued.Str("id")}/download?format=pfx"), "password");
    }

    [Fact]
    public async Task Nginx_lets_an_issued_client_certificate_in_and_refuses_it_after_revocation_and_a_crl_refresh()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var ca = await setup.CreateCaAsync("CN=Contoso mTLS,O=Contoso");
        var caId = Guid.Parse(ca.Str("id")!);
        var server = await setup.IssueAsync(caId, "localhost", "server", ["localhost", "ip:127.0.0.1"]);
        var client = await setup.IssueAsync(caId, "ivan", email: "ivan@contoso.test");
        var clientId = Guid.Parse(client.Str("id")!);
        Write("ca.pem", ca.Str("certificatePem")!);
        Write("client.pem", await setup.DownloadTextAsync(clientId, "pem-cert"));
        Write("client.key", await setup.DownloadTextAsync(clientId, "pem-key"));
        using var nginx = new NginxFixture();
        await nginx.StartAsync(await setup.DownloadTextAsync(Guid.Parse(server.Str("id")!), "pem-fullchain"),
            await setup.DownloadTextAsync(Guid.Parse(server.Str("id")!), "pem-key"), ca.Str("certificatePem")!, await CrlPemAsync(setup, caId));

        var admitted = Curl(nginx.Url, "--cert", "client.pem", "--key", "client.key");
        Assert.True(admitted.Status == 200, $"expected 200, got {admitted.Status}: {admitted.Body}\n{nginx.ErrorLog()}");
        Assert.Contains("CN=ivan", admitted.Body);
        Assert.Equal(400, Curl(nginx.Url).Status); // no client certificate at all

        await (await setup.Api.PostAsJsonAsync($"/api/v1/client-certs/{clientId}/revoke", new { reason = "affiliationChanged" })).JsonAsync();
        await nginx.WriteCrlAsync(await CrlPemAsync(setup, caId));
        await nginx.ReloadAsync();

        // The old worker finishes its connections; new ones meet the new CRL within a moment.
        var refused = Curl(nginx.Url, "--cert", "client.pem", "--key", "client.key");
        for (var i = 0; i < 50 && refused.Status == 200; i++)
        {
            await Task.Delay(100);
            refused = Curl(nginx.Url, "--cert", "client.pem", "--key", "client.key");
        }
        Assert.Equal(400, refused.Status);
        Assert.Contains("SSL certificate error", refused.Body);
        Assert.Contains("certificate revoked", nginx.ErrorLog());
    }

    private async Task<string> CrlPemAsync(ClientCertSetup setup, Guid caId) =>
        await setup.Api.GetStringAsync($"{portal.BaseUrl}/pki/{caId}/crl?format=pem");

    private (int Status, string Body) Curl(string url, params string[] args)
    {
        var info = new ProcessStartInfo("curl") { WorkingDirectory = _folder.Path, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-sS", "--max-time", "10", "--cacert", "ca.pem", "-w", "\n%{http_code}", .. args, url])
            info.ArgumentList.Add(arg);
        using var curl = Process.Start(info)!;
        var output = curl.StandardOutput.ReadToEnd();
        var error = curl.StandardError.ReadToEnd();
        curl.WaitForExit();
        var lastBreak = output.LastIndexOf('\n');
        return int.TryParse(output[(lastBreak + 1)..], out var status) ? (status, output[..Math.Max(lastBreak, 0)]) : (0, output + error);
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder.Path, name), text);

    public void Dispose() => _folder.Dispose();
}
