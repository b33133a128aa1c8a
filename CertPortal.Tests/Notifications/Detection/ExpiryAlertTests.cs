using CertPortal.Features.Notifications;
using CertPortal.Features.Notifications.Detection;
using CertPortal.Features.Settings;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Notifications.Detection;

/// <summary>
/// The expiry thresholds with a clock the test moves, mails arriving at a real SMTP server (aiosmtpd): one mail per
/// threshold, none on the next scan, the most urgent only when a scan first finds several passed, and a scan by a
/// token of one customer that sees and sends nothing of another.
/// </summary>
public sealed class ExpiryAlertTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private SmtpServer _smtp = default!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        await _portal.UseMailServerAsync(_smtp);
    }

    [Fact]
    public async Task Each_threshold_sends_exactly_one_mail_and_a_second_scan_sends_nothing()
    {
        var inbox = AlertSetup.Mailbox("ops");
        var customer = await _portal.SeedCustomerAsync(alertEmails: inbox);
        var notAfter = _portal.Clock.GetUtcNow().UtcDateTime.AddDays(45);
        var certificateId = await _portal.ImportExpiringAsync(customer.Id, "thresholds.example.test", notAfter);
        var admin = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));

        _portal.MoveTo(notAfter, TimeSpan.FromDays(31));
        Assert.Equal(0, await admin.CheckAsync());
        var expected = 0;
        foreach (var days in new[] { 30, 14, 7, 1 })
        {
            _portal.MoveTo(notAfter, TimeSpan.FromDays(days) - TimeSpan.FromHours(1));
            Assert.Equal(1, await admin.CheckAsync());
            Assert.Equal(0, await admin.CheckAsync());
            var mail = (await _smtp.ExactlyAsync(inbox, ++expected))[^1];
            Assert.True(mail.Subject.StartsWith($"[CertPortal] {customer.Name}: thresholds.example.test expires ", StringComparison.Ordinal), mail.Subject);
            Assert.Contains($"({days}-day warning)", mail.Text);
            Assert.Contains($"/certificates/{certificateId}", mail.Text);
        }
        Assert.Equal(["expires in 29 days", "expires in 13 days", "expires in 6 days", "expires within a day"],
            _smtp.To(inbox).Select(m => m.Subject[(m.Subject.IndexOf(" expires", StringComparison.Ordinal) + 1)..]));

        _portal.Clock.Advance(TimeSpan.FromHours(12));
        Assert.Equal(0, await admin.CheckAsync());
        await _smtp.ExactlyAsync(inbox, 4);
    }

    [Fact]
    public async Task A_scan_that_finds_several_thresholds_passed_sends_only_the_most_urgent_and_never_the_wider_ones()
    {
        var inbox = AlertSetup.Mailbox("late");
        var customer = await _portal.SeedCustomerAsync(alertEmails: inbox);
        var notAfter = _portal.Clock.GetUtcNow().UtcDateTime.AddDays(5);
        await _portal.ImportExpiringAsync(customer.Id, "late.example.test", notAfter);
        var admin = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));

        Assert.Equal(1, await admin.CheckAsync());
        var mail = Assert.Single(await _smtp.ExactlyAsync(inbox, 1));
        Assert.Contains("(7-day warning)", mail.Text);

        _portal.MoveTo(notAfter, TimeSpan.FromHours(20));
        Assert.Equal(1, await admin.CheckAsync());
        Assert.Contains("(1-day warning)", (await _smtp.ExactlyAsync(inbox, 2))[^1].Text);
        Assert.Equal(0, await admin.CheckAsync());
    }

    [Fact]
    public async Task Thresholds_come_from_the_alert_rules_and_go_to_the_global_recipients_too()
    {
        var (own, global) = (AlertSetup.Mailbox("own"), AlertSetup.Mailbox("noc"));
        await _portal.SaveAlertRulesAsync(AlertRules.Default with { ExpiryThresholdDays = [60, 3], GlobalEmails = [global] });
        var customer = await _portal.SeedCustomerAsync(alertEmails: own);
        var notAfter = _portal.Clock.GetUtcNow().UtcDateTime.AddDays(50);
        await _portal.ImportExpiringAsync(customer.Id, "rules.example.test", notAfter);
        var admin = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));

        Assert.Equal(2, await admin.CheckAsync());
        _portal.MoveTo(notAfter, TimeSpan.FromDays(10));
        Assert.Equal(0, await admin.CheckAsync());
        _portal.MoveTo(notAfter, TimeSpan.FromDays(2));
        Assert.Equal(2, await admin.CheckAsync());

        Assert.Equal(2, (await _smtp.ExactlyAsync(own, 2)).Count);
        Assert.Equal(2, (await _smtp.ExactlyAsync(global, 2)).Count);
    }

    [Fact]
    public async Task A_scan_by_a_token_of_one_customer_sends_only_that_customers_alerts()
    {
        var (inboxA, inboxB) = (AlertSetup.Mailbox("a"), AlertSetup.Mailbox("b"));
        var a = await _portal.SeedCustomerAsync(alertEmails: inboxA);
        var b = await _portal.SeedCustomerAsync(alertEmails: inboxB);
        var notAfter = _portal.Clock.GetUtcNow().UtcDateTime.AddDays(10);
        await _portal.ImportExpiringAsync(a.Id, "a.example.test", notAfter);
        var certificateB = await _portal.ImportExpiringAsync(b.Id, "b.example.test", notAfter);

        Assert.Equal(1, await _portal.ApiClient(await _portal.CreateTokenAsync("admin", a.Id)).CheckAsync());
        Assert.Equal(0, await _portal.ApiClient(await _portal.CreateTokenAsync("admin", a.Id)).CheckAsync());
        var mail = Assert.Single(await _smtp.ExactlyAsync(inboxA, 1));
        Assert.DoesNotContain("b.example.test", mail.Data);
        Assert.Empty(_smtp.To(inboxB));
        Assert.Empty(await _portal.SendsAsync(AlertKinds.CertificateExpiring, certificateB));

        // B's threshold was not used up by A's scan: the next scan of everything tells B.
        Assert.Equal(1, await _portal.ApiClient(await _portal.CreateTokenAsync("admin")).CheckAsync());
        Assert.Contains("b.example.test", Assert.Single(await _smtp.ExactlyAsync(inboxB, 1)).Subject);
        Assert.Single(_smtp.To(inboxA));
    }

    [Fact]
    public async Task One_scan_over_many_customers_sends_each_customers_alerts_to_its_own_recipients_and_all_to_the_global_ones()
    {
        var global = AlertSetup.Mailbox("all");
        await _portal.SaveAlertRulesAsync(AlertRules.Default with { GlobalEmails = [global] });
        var now = _portal.Clock.GetUtcNow().UtcDateTime;
        var customers = new List<(string Name, string Inbox)>();
        for (var c = 0; c < 3; c++)
        {
            var inbox = AlertSetup.Mailbox($"many{c}");
            var customer = await _portal.SeedCustomerAsync(alertEmails: inbox);
            for (var i = 0; i <= c; i++)
                await _portal.ImportExpiringAsync(customer.Id, $"c{c}-{i}.example.test", now.AddDays(5 + i));
            customers.Add((customer.Name, inbox));
        }
        var admin = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));

        Assert.Equal(12, await admin.CheckAsync());

        for (var c = 0; c < customers.Count; c++)
        {
            var mails = await _smtp.ExactlyAsync(customers[c].Inbox, c + 1);
            Assert.All(mails, m => Assert.StartsWith($"[CertPortal] {customers[c].Name}: c{c}-", m.Subject));
        }
        Assert.Equal(6, (await _smtp.ExactlyAsync(global, 6)).Select(m => m.Subject).Distinct().Count());
    }

    [Fact]
    public async Task Two_scans_at_the_same_moment_send_each_threshold_once()
    {
        var inbox = AlertSetup.Mailbox("race");
        var customer = await _portal.SeedCustomerAsync(alertEmails: inbox);
        var now = _portal.Clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < 20; i++)
            await _portal.ImportExpiringAsync(customer.Id, $"race{i}.example.test", now.AddDays(3 + i));
        var admin = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));

        var sent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => admin.CheckAsync()));

        Assert.Equal(20, sent.Sum());
        Assert.Equal(20, (await _smtp.ExactlyAsync(inbox, 20)).Select(m => m.Subject).Distinct().Count());
    }

    public Task DisposeAsync()
    {
        _portal.Dispose();
        _smtp.Dispose();
        return Task.CompletedTask;
    }
}
