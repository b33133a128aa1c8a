using CertPortal.Features.Settings;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Notifications.Detection;

/// <summary>The daily digest: one mail of the worklist to the global recipients, from the rules' hour on, once a day.</summary>
public sealed class DailyDigestTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private SmtpServer _smtp = default!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        await _portal.UseMailServerAsync(_smtp);
    }

    [Fact]
    public async Task The_digest_goes_once_a_day_from_its_hour_on_to_the_global_recipients_only()
    {
        var (noc, own) = (AlertSetup.Mailbox("noc"), AlertSetup.Mailbox("own"));
        var now = _portal.Clock.GetUtcNow().UtcDateTime;
        _portal.Clock.Advance(now.Date.AddDays(1).AddHours(5) - now);
        await _portal.SaveAlertRulesAsync(AlertRules.Default with { GlobalEmails = [noc], DailyDigest = true, DigestHourUtc = 6, ExpiryThresholdDays = [30] });
        var customer = await _portal.SeedCustomerAsync(alertEmails: own);
        await _portal.ImportExpiringAsync(customer.Id, "digest.example.test", _portal.Clock.GetUtcNow().UtcDateTime.AddDays(20));
        var admin = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));

        Assert.Equal(2, await admin.CheckAsync()); // the expiry alert, to the customer and the global list; no digest before 06:00
        _portal.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await _portal.ApiClient(await _portal.CreateTokenAsync("admin", customer.Id)).CheckAsync());
        Assert.Equal(1, await admin.CheckAsync());
        Assert.Equal(0, await admin.CheckAsync());

        var digest = Assert.Single(await _smtp.ExactlyAsync(noc, 2), m => m.Subject.Contains("Daily digest"));
        Assert.Contains("1 item(s) need attention", digest.Subject);
        Assert.Contains($"{customer.Name}: digest.example.test expires in 19 days", digest.Text);
        Assert.Contains("/certificates/", digest.Text);
        Assert.DoesNotContain(await _smtp.ExactlyAsync(own, 1), m => m.Subject.Contains("Daily digest"));

        _portal.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await admin.CheckAsync());
        _portal.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await admin.CheckAsync());
        Assert.Equal(2, (await _smtp.ExactlyAsync(noc, 3)).Count(m => m.Subject.Contains("Daily digest")));
    }

    public Task DisposeAsync()
    {
        _portal.Dispose();
        _smtp.Dispose();
        return Task.CompletedTask;
    }
}
