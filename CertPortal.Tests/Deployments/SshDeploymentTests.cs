using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Targets;

namespace CertPortal.Tests.Deployments;

/// <summary>
/// The main flow on a Linux host, all real: Pebble issues, the portal pushes over a real sshd into a real nginx's
/// files, and the TLS handshake decides. A renewal whose configuration test fails leaves nginx on the old certificate.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SshDeploymentTests(PebbleOnBindFixture peers, SshdFixture sshd) : IClassFixture<PebbleOnBindFixture>, IClassFixture<SshdFixture>, IDisposable
{
    private const string Name = "nginx.example.test";
    private readonly PortalFactory _portal = new();
    private readonly NginxTlsFixture _nginx = new();

    [Fact]
    public async Task A_run_makes_nginx_serve_the_certificate_and_a_renewal_whose_config_test_fails_is_rolled_back_with_nginx_unchanged()
    {
        var factory = TestCertificates.Version("factory.example.test", 0);
        await _nginx.StartAsync(factory.LeafPem, factory.FullChainPem, factory.KeyPem);
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var certificateId = await setup.RequestAsync(Name);
        await setup.WaitForStatusAsync(certificateId, "valid");
        var target = await setup.Api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = setup.CustomerId, name = "Web server", type = "ssh", settings = Settings(_nginx.TestCommand), secrets = new { privateKey = sshd.ClientKeyPem },
        });
        Assert.Equal(HttpStatusCode.Created, target.StatusCode);
        var targetId = await IssuanceSetup.IdOf(target);
        var deploymentId = await IssuanceSetup.IdOf(await setup.Api.PostAsJsonAsync("/api/v1/deployments", new { certificateId, targetId }));

        await setup.Api.PostAsync($"/api/v1/deployments/{deploymentId}/run", null);
        var first = await RunPolling.WaitForFinishAsync(setup.Api, $"/api/v1/deployments/{deploymentId}/runs", version: 1);
        var v1 = (await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{certificateId}")).GetProperty("thumbprintSha256").GetString();
        Assert.Equal("verified", first.GetProperty("status").GetString());
        Assert.Equal(["start", "connect", "upload", "test", "reload", "verify"], first.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(v1, await ServedAsync());

        // Someone breaks the host's check: the renewal's files go in, the test fails, the old files come back.
        var broken = await setup.Api.PutAsJsonAsync($"/api/v1/targets/{targetId}", new { customerId = setup.CustomerId, name = "Web server", type = "ssh", settings = Settings("/bin/false") });
        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        var renewedFiles = await File.ReadAllTextAsync(_nginx.FullChainPath);
        await setup.Api.PostAsync($"/api/v1/certificates/{certificateId}/renew", null);
        await setup.WaitAsync(certificateId, c => c.GetProperty("versions").GetArrayLength() == 2);
        var second = await RunPolling.WaitForFinishAsync(setup.Api, $"/api/v1/deployments/{deploymentId}/runs", version: 2);

        Assert.Equal("rolled-back", second.GetProperty("status").GetString());
        var failed = second.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("status").GetString() == "failed");
        Assert.Contains("The configuration test failed", failed.GetProperty("message").GetString());
        Assert.Contains("old files were restored and reloaded", failed.GetProperty("message").GetString());
        Assert.Equal(v1, await ServedAsync());
        Assert.Equal(renewedFiles, await File.ReadAllTextAsync(_nginx.FullChainPath));
        var deployment = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{deploymentId}");
        Assert.Equal(1, deployment.GetProperty("verifiedVersion").GetInt32());
        Assert.True(deployment.GetProperty("outdated").GetBoolean());
    }

    private object Settings(string testCommand) => new
    {
        host = "127.0.0.1", port = sshd.Port.ToString(), username = sshd.User, hostKeySha256 = sshd.HostKeySha256,
        certPath = _nginx.CertPath, keyPath = _nginx.KeyPath, chainPath = _nginx.ChainPath, fullchainPath = _nginx.FullChainPath,
        testCommand, reloadCommand = _nginx.ReloadCommand, verifyHost = "127.0.0.1", verifyPort = _nginx.Port.ToString(), verifySni = Name,
    };

    private async Task<string?> ServedAsync() => await new ServedCertificateProbe().ServedThumbprintAsync("127.0.0.1", _nginx.Port, Name, CancellationToken.None);

    public void Dispose()
    {
        _nginx.Dispose();
        _portal.Dispose();
    }
}
