using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Features.Notifications;
using CertPortal.Features.Notifications.Detection;
using CertPortal.Features.Settings;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Deployments;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Targets;

namespace CertPortal.Tests.Notifications.Detection;

/// <summary>
/// Pebble issues, the portal deploys over a real sshd into a real nginx: a renewal whose configuration test fails is
/// rolled back and told (the mail server being down at the time stops nothing; the alert goes out when it is back),
/// and a certificate someone puts in place by hand afterwards is told once until the verified one is served again.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(DetectionPeers.Name)]
public sealed class DeploymentWatchTests(PebbleOnBindFixture peers, SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private const string Name = "watched.example.test";
    private readonly PortalFactory _portal = new();
    private readonly NginxTlsFixture _nginx = new();
    private readonly string _inbox = AlertSetup.Mailbox("noc");
    private SmtpServer _smtp = default!;

    public async Task InitializeAsync() => _smtp = await SmtpServer.StartAsync();

    [Fact]
    public async Task A_rolled_back_deployment_is_told_and_so_is_an_endpoint_that_serves_another_certificate_later()
    {
        var factory = TestCertificates.Version("factory.example.test", 0);
        await _nginx.StartAsync(factory.LeafPem, factory.FullChainPem, factory.KeyPem);
        await _portal.UseMailServerAsync(null);
        await _portal.SaveAlertRulesAsync(AlertRules.Default with { GlobalEmails = [_inbox] });
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var certificateId = await setup.RequestAsync(Name, autoRenew: false);
        await setup.WaitForStatusAsync(certificateId, "valid");
        var target = await setup.Api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = setup.CustomerId, name = "Web server", type = "ssh", settings = Settings(_nginx.TestCommand), secrets = new { privateKey = sshd.ClientKeyPem },
        });
        var targetId = await IssuanceSetup.IdOf(target);
        var deploymentId = await IssuanceSetup.IdOf(await setup.Api.PostAsJsonAsync("/api/v1/deployments", new { certificateId, targetId }));
        await setup.Api.PostAsync($"/api/v1/deployments/{deploymentId}/run", null);
        Assert.Equal("verified", (await RunPolling.WaitForFinishAsync(setup.Api, $"/api/v1/deployments/{deploymentId}/runs", version: 1)).GetProperty("status").GetString());

        // The mail server is down while the renewal's deployment is rolled back: the run ends as ever.
        (await setup.Api.PutAsJsonAsync($"/api/v1/targets/{targetId}", new { customerId = setup.CustomerId, name = "Web server", type = "ssh", settings = Settings("/bin/false") }))
            .EnsureSuccessStatusCode();
        await setup.Api.PostAsync($"/api/v1/certificates/{certificateId}/renew", null);
        var rolledBack = await RunPolling.WaitForFinishAsync(setup.Api, $"/api/v1/deployments/{deploymentId}/runs", version: 2);
        Assert.Equal("rolled-back", rolledBack.GetProperty("status").GetString());
        var binding = Guid.Parse(deploymentId);
        var attempted = await WaitForAttemptAsync(AlertKinds.DeploymentRolledBack, binding);
        Assert.Equal(NotificationOutcomes.Pending, attempted.Outcome);

        await _portal.UseMailServerAsync(_smtp);
        _portal.Clock.Advance(TimeSpan.FromMinutes(2));
        _portal.Service<NotificationSender>().Nudge();
        var told = Assert.Single(await _smtp.ExactlyAsync(_inbox, 1));
        Assert.Contains($"Deployment of {Name} to Web server was rolled back", told.Subject);
        Assert.Contains("configuration test failed", told.Text);

        // Someone puts the old factory certificate back by hand; the verified version 1 is no longer what is served.
        var verifiedFiles = await File.ReadAllTextAsync(_nginx.FullChainPath);
        var verifiedKey = await File.ReadAllTextAsync(_nginx.KeyPath);
        var verified = await ServedAsync();
        await ServeAsync(factory.FullChainPem, factory.KeyPem, factory.ThumbprintSha256);
        var admin = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));
        _portal.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(1, await admin.CheckAsync());
        var mismatch = (await _smtp.ExactlyAsync(_inbox, 2))[1];
        Assert.Contains($"127.0.0.1:{_nginx.Port} does not serve the deployed {Name}", mismatch.Subject);
        Assert.Contains($"It serves {factory.ThumbprintSha256[..16]}", mismatch.Text);

        // Looked at again hours later, still wrong: nothing new. Put right: closed without a mail, told again if it recurs.
        Assert.Equal(0, await admin.CheckAsync());
        _portal.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(0, await admin.CheckAsync());
        await ServeAsync(verifiedFiles, verifiedKey, verified);
        _portal.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(0, await admin.CheckAsync());
        Assert.False((await _portal.AlertStateAsync(AlertKeys.Mismatch(binding)))!.IsOpen);
        await ServeAsync(factory.FullChainPem, factory.KeyPem, factory.ThumbprintSha256);
        _portal.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(1, await admin.CheckAsync());
        await _smtp.ExactlyAsync(_inbox, 3);
    }

    /// <summary>
    /// Writes what nginx serves and reloads it, as a person on the host would; waits until every new connection gets
    /// <paramref name="thumbprint"/> (for a moment after a reload, old workers may still answer with the old files).
    /// </summary>
    private async Task ServeAsync(string fullChainPem, string keyPem, string thumbprint)
    {
        await File.WriteAllTextAsync(_nginx.FullChainPath, fullChainPem);
        await File.WriteAllTextAsync(_nginx.KeyPath, keyPem);
        using (var reload = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", _nginx.ReloadCommand]) { RedirectStandardError = true })!)
            await reload.WaitForExitAsync();
        var inARow = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline && inARow < 10; await Task.Delay(50))
            inARow = await ServedAsync() == thumbprint ? inARow + 1 : 0;
        Assert.True(inARow >= 10, "nginx did not settle on the new files after its reload.");
    }

    private async Task<string> ServedAsync() => await new ServedCertificateProbe().ServedThumbprintAsync("127.0.0.1", _nginx.Port, Name, CancellationToken.None);

    private object Settings(string testCommand) => new
    {
        host = "127.0.0.1", port = sshd.Port.ToString(), username = sshd.User, hostKeySha256 = sshd.HostKeySha256,
        certPath = _nginx.CertPath, keyPath = _nginx.KeyPath, chainPath = _nginx.ChainPath, fullchainPath = _nginx.FullChainPath,
        testCommand, reloadCommand = _nginx.ReloadCommand, verifyHost = "127.0.0.1", verifyPort = _nginx.Port.ToString(), verifySni = Name,
    };

    private async Task<Notification> WaitForAttemptAsync(string kind, Guid objectId)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
            if ((await _portal.SendsAsync(kind, objectId)).FirstOrDefault(n => n.Attempts > 0) is { } attempted)
                return attempted;
        throw new TimeoutException($"No send of {kind} on {objectId} was attempted.");
    }

    public Task DisposeAsync()
    {
        _nginx.Dispose();
        _portal.Dispose();
        _smtp.Dispose();
        return Task.CompletedTask;
    }
}
