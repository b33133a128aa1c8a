using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Notifications.Detection;

/// <summary>
/// The expiry thresholds in proportion to a short lifetime: a 6-day certificate that renews by itself is on the
/// worklist and alerted on only once its renewal is late, not all its life; a 90-day one keeps the days as set.
/// </summary>
public sealed class ShortLivedExpiryTests : IAsyncLifetime
{
    private static readonly TimeSpan SixDays = TimeSpan.FromDays(6);
    private readonly PortalFactory _portal = new();
    private SmtpServer _smtp = default!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        await _portal.UseMailServerAsync(_smtp);
    }

    [Fact]
    public async Task A_six_day_certificate_joins_the_worklist_only_when_its_renewal_is_late_and_turns_critical_in_its_last_hours()
    {
        var customer = await _portal.SeedCustomerAsync();
        var now = _portal.Clock.GetUtcNow().UtcDateTime;
        var shortLived = await RenewingAsync(customer.Id, "short.example.test", now + SixDays, SixDays);
        var ninetyDay = await RenewingAsync(customer.Id, "classic.example.test", now.AddDays(20), TimeSpan.FromDays(90));
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("readonly"));

        // Fresh, and at three days left (when it renews at half its lifetime): only the 90-day one within 30 days shows.
        Assert.Equal([$"{ninetyDay} warning"], await WorklistAsync(api));
        _portal.MoveTo(now + SixDays, TimeSpan.FromDays(3));
        Assert.Equal([$"{ninetyDay} warning"], await WorklistAsync(api));

        // 30 of 90 days is 2 of 6: under that its renewal is late.
        _portal.MoveTo(now + SixDays, TimeSpan.FromHours(47));
        Assert.Equal(new[] { $"{ninetyDay} warning", $"{shortLived} warning" }.Order(), (await WorklistAsync(api)).Order());

        // 7 of 90 days is about 11 hours of 6 days: critical.
        _portal.MoveTo(now + SixDays, TimeSpan.FromHours(10));
        Assert.Contains($"{shortLived} critical", await WorklistAsync(api));
    }

    [Fact]
    public async Task A_six_day_certificate_is_alerted_on_at_its_scaled_thresholds_and_the_mail_says_what_they_mean_for_it()
    {
        var inbox = AlertSetup.Mailbox("short");
        var customer = await _portal.SeedCustomerAsync(alertEmails: inbox);
        var notAfter = _portal.Clock.GetUtcNow().UtcDateTime + SixDays;
        await RenewingAsync(customer.Id, "alerts.example.test", notAfter, SixDays);
        var admin = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));

        _portal.MoveTo(notAfter, TimeSpan.FromDays(3));
        Assert.Equal(0, await admin.CheckAsync());

        _portal.MoveTo(notAfter, TimeSpan.FromHours(47));
        Assert.Equal(1, await admin.CheckAsync());
        var first = Assert.Single(await _smtp.ExactlyAsync(inbox, 1));
        Assert.Contains("(30-day warning, which for its lifetime of 6 days comes at ", first.Text);

        _portal.MoveTo(notAfter, TimeSpan.FromHours(10));
        Assert.Equal(1, await admin.CheckAsync());
        Assert.Contains("(7-day warning, which for its lifetime of 6 days comes at 11 hours left)", (await _smtp.ExactlyAsync(inbox, 2))[^1].Text);
        Assert.Equal(0, await admin.CheckAsync());
    }

    // An imported certificate made to look like an ACME one that renews by itself (the import sets the lifetime's scale).
    private async Task<Guid> RenewingAsync(Guid customerId, string name, DateTime notAfter, TimeSpan lifetime)
    {
        var id = await _portal.ImportExpiringAsync(customerId, name, notAfter, lifetime);
        await _portal.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<Certificate>().Where(c => c.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Source, CertificateSources.Acme).SetProperty(c => c.AutoRenew, true)));
        return id;
    }

    private static async Task<List<string>> WorklistAsync(HttpClient api) =>
        (await (await api.GetAsync("/api/v1/attention")).JsonAsync()).Items()
            .Where(i => i.Str("objectType") == "certificate").Select(i => $"{i.Str("objectId")} {i.Str("severity")}").ToList();

    public Task DisposeAsync()
    {
        _portal.Dispose();
        _smtp.Dispose();
        return Task.CompletedTask;
    }
}
