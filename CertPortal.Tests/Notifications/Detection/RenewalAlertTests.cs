using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Features.Notifications;
using CertPortal.Features.Notifications.Detection;
using CertPortal.Features.Settings;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Notifications.Detection;

/// <summary>
/// Alerts from real orders against Pebble: a failed renewal is told once and its recovery when it succeeds, a DNS
/// provider that does not answer is told once and cleared by the next success, a renewal starts the expiry
/// thresholds afresh, and a mail server that is down stops none of it.
/// </summary>
[Collection(DetectionPeers.Name)]
public sealed class RenewalAlertTests(PebbleOnBindFixture peers) : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private readonly string _inbox = AlertSetup.Mailbox("noc");
    private SmtpServer _smtp = default!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        await _portal.UseMailServerAsync(_smtp);
        await _portal.SaveAlertRulesAsync(AlertRules.Default with { GlobalEmails = [_inbox] });
    }

    [Fact]
    public async Task A_failed_renewal_is_told_once_and_its_recovery_when_it_succeeds()
    {
        var (setup, id) = await IssueAsync("told-once.example.test");
        await PutProviderAsync(setup, secret: Convert.ToBase64String(new byte[32]));

        await RenewAndWaitAsync(setup, id, "failed");
        var failed = Assert.Single(await _smtp.ExactlyAsync(_inbox, 1));
        Assert.Contains("Renewal of told-once.example.test failed", failed.Subject);
        Assert.Contains("TSIG secret is wrong", failed.Text);
        await RenewAndWaitAsync(setup, id, "failed");
        await _smtp.ExactlyAsync(_inbox, 1);

        await PutProviderAsync(setup, secret: peers.Bind.TsigSecret);
        await RenewAndWaitAsync(setup, id, "valid");
        var recovered = (await _smtp.ExactlyAsync(_inbox, 2))[1];
        Assert.Contains("told-once.example.test is valid again", recovered.Subject);
        Assert.Contains("Version 2", recovered.Text);
        // A wrong secret is the provider saying no, not the provider being away.
        Assert.Empty(await _portal.SendsAsync(AlertKinds.ProviderUnreachable, Guid.Parse(setup.DnsProviderId)));

        // Recovered, a new failure is news again.
        await PutProviderAsync(setup, secret: Convert.ToBase64String(new byte[32]));
        await RenewAndWaitAsync(setup, id, "failed");
        Assert.Contains("Renewal of told-once.example.test failed", (await _smtp.ExactlyAsync(_inbox, 3))[2].Subject);
    }

    [Fact]
    public async Task A_dns_provider_that_does_not_answer_is_told_once_and_cleared_by_the_next_success()
    {
        var (setup, id) = await IssueAsync("unreachable.example.test");
        var providerId = Guid.Parse(setup.DnsProviderId);
        await PutProviderAsync(setup, nameserver: $"127.0.0.1:{FreePort.Next()}");

        await RenewAndWaitAsync(setup, id, "failed");
        var mails = await _smtp.ExactlyAsync(_inbox, 2);
        Assert.Contains(mails, m => m.Subject.Contains("Renewal of unreachable.example.test failed"));
        var unreachable = Assert.Single(mails, m => m.Subject.Contains("DNS provider BIND is unreachable"));
        Assert.Contains("/dns-providers", unreachable.Text);
        Assert.True((await _portal.AlertStateAsync(AlertKeys.Unreachable(providerId)))!.IsOpen);

        await PutProviderAsync(setup, nameserver: peers.Bind.NameServer);
        await RenewAndWaitAsync(setup, id, "valid");
        Assert.Contains("is valid again", (await _smtp.ExactlyAsync(_inbox, 3))[2].Subject);
        await _portal.WaitUntilResolvedAsync(AlertKeys.Unreachable(providerId));
    }

    [Fact]
    public async Task A_renewal_starts_the_expiry_thresholds_afresh()
    {
        var (setup, id) = await IssueAsync("afresh.example.test");
        var admin = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));
        var notAfter = (await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}")).GetProperty("notAfter").GetDateTime();

        _portal.MoveTo(notAfter, TimeSpan.FromDays(13));
        Assert.Equal(1, await admin.CheckAsync());
        Assert.Equal(0, await admin.CheckAsync());
        Assert.Contains("(14-day warning)", Assert.Single(await _smtp.ExactlyAsync(_inbox, 1)).Text);

        var renewed = await RenewAndWaitAsync(setup, id, "valid");
        Assert.True(renewed.GetProperty("notAfter").GetDateTime() > notAfter);
        Assert.Equal(1, await admin.CheckAsync());
        Assert.Equal(0, await admin.CheckAsync());
        Assert.Contains("(14-day warning)", (await _smtp.ExactlyAsync(_inbox, 2))[1].Text);
    }

    [Fact]
    public async Task A_mail_server_that_is_down_stops_no_renewal_and_the_alerts_go_out_once_it_is_back()
    {
        await _portal.UseMailServerAsync(null);
        var (setup, id) = await IssueAsync("mail-down.example.test");
        await PutProviderAsync(setup, secret: Convert.ToBase64String(new byte[32]));

        await RenewAndWaitAsync(setup, id, "failed");
        var attempted = await WaitForAttemptAsync(AlertKinds.CertificateRenewalFailed, Guid.Parse(id));
        Assert.Equal(NotificationOutcomes.Pending, attempted.Outcome);
        Assert.NotNull(attempted.Error);
        await PutProviderAsync(setup, secret: peers.Bind.TsigSecret);
        await RenewAndWaitAsync(setup, id, "valid");

        await _portal.UseMailServerAsync(_smtp);
        _portal.Clock.Advance(TimeSpan.FromMinutes(2));
        _portal.Service<NotificationSender>().Nudge();
        var mails = await _smtp.ExactlyAsync(_inbox, 2);
        Assert.Contains(mails, m => m.Subject.Contains("Renewal of mail-down.example.test failed"));
        Assert.Contains(mails, m => m.Subject.Contains("mail-down.example.test is valid again"));
    }

    private async Task<(IssuanceSetup Setup, string Id)> IssueAsync(string name)
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        // Auto-renew off: only the test renews, whatever the job sees on the moved clock.
        var id = await setup.RequestAsync(name, autoRenew: false);
        await setup.WaitForStatusAsync(id, "valid");
        return (setup, id);
    }

    // Pebble reuses a valid authorization about 1 % of the time even at PEBBLE_AUTHZREUSE=0 (it makes a new one only when
    // its random 0-99 is above the percentage), and a renewal meant to fail at the DNS provider then needs no DNS and
    // succeeds. Such a run says nothing about failures, so that renewal is asked again.
    private static async Task<JsonElement> RenewAndWaitAsync(IssuanceSetup setup, string id, string status)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = (await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}/runs")).GetArrayLength();
            (await setup.Api.PostAsync($"/api/v1/certificates/{id}/renew", null)).EnsureSuccessStatusCode();
            JsonElement runs = default, certificate = default;
            var askAgain = false;
            for (var deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline && !askAgain; await Task.Delay(250))
            {
                runs = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}/runs");
                certificate = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}");
                if (runs.GetArrayLength() <= before || runs[0].GetProperty("status").GetString() == "running")
                    continue;
                if (certificate.GetProperty("status").GetString() == status)
                    return certificate;
                askAgain = status == "failed" && attempt < 3 && NeededNoValidation(runs[0]);
            }
            if (!askAgain)
                throw new TimeoutException($"Certificate {id} did not end {status} after its renewal: {certificate} RUNS {runs}");
        }
    }

    private static bool NeededNoValidation(JsonElement run) =>
        run.GetProperty("status").GetString() == "succeeded"
        && run.GetProperty("steps").EnumerateArray().Any(s => s.GetProperty("message").GetString()?.Contains("already validated") == true);

    private async Task PutProviderAsync(IssuanceSetup setup, string? secret = null, string? nameserver = null)
    {
        var settings = IssuanceSetup.ProviderSettings(peers);
        settings["nameserver"] = nameserver ?? peers.Bind.NameServer;
        var response = await setup.Api.PutAsJsonAsync($"/api/v1/dns-providers/{setup.DnsProviderId}", new
        {
            name = "BIND", type = "rfc2136", settings, secrets = new { tsigSecret = secret ?? peers.Bind.TsigSecret },
        });
        response.EnsureSuccessStatusCode();
    }

    private async Task<Notification> WaitForAttemptAsync(string kind, Guid objectId)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
            if ((await _portal.SendsAsync(kind, objectId)).FirstOrDefault(n => n.Attempts > 0) is { } attempted)
                return attempted;
        throw new TimeoutException($"No send of {kind} on {objectId} was attempted.");
    }

    public Task DisposeAsync()
    {
        _portal.Dispose();
        _smtp.Dispose();
        return Task.CompletedTask;
    }
}
