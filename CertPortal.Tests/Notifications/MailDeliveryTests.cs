using CertPortal.Features.Notifications;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Notifications;

/// <summary>An alert raised through IAlerts arrives as real mail (Debian's aiosmtpd) at the customer's and the global recipients.</summary>
public sealed class MailDeliveryTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_alert_is_mailed_once_to_each_of_the_customers_and_the_global_recipients_with_customer_and_object_in_the_subject()
    {
        using var server = await SmtpServer.StartAsync();
        await portal.UseSmtpAsync(server);
        // "Lead@MSP.test" is both the customer's and global: one mail, whatever the case.
        await portal.SetGlobalEmailsAsync("lead@msp.test", "noc@msp.test");
        var customer = await portal.SeedCustomerAsync(PortalSeed.UniqueName("Contoso"), "", "ops@contoso.test", "Lead@MSP.test");
        var alert = portal.Expiring(customer.Id, "www.contoso.com", 14);

        var queued = await portal.RaiseAsync(alert);

        Assert.Equal(3, queued);
        var mails = await server.WaitForMailsAsync(3, Wait);
        Assert.Equal(["Lead@MSP.test", "noc@msp.test", "ops@contoso.test"], mails.SelectMany(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(mails, mail =>
        {
            Assert.Equal($"[CertPortal] {customer.Name}: www.contoso.com expires in 14 days", mail.Subject);
            Assert.Contains("expires in 14 days and has not been renewed", mail.Text);
            Assert.Contains(alert.Url, mail.Text);
            Assert.Equal("portal@certportal.test", mail.From);
        });
        await portal.SendDueAsync();
        var sends = await portal.SendsOfAsync(alert.Id);
        Assert.Equal(3, sends.Count);
        Assert.All(sends, s =>
        {
            Assert.Equal((NotificationOutcomes.Sent, 1, SendChannels.Email, AlertKinds.CertificateExpiring), (s.Outcome, s.Attempts, s.Channel, s.Kind));
            Assert.Null(s.Error);
            Assert.Null(s.NextAttemptAt);
            Assert.NotNull(s.SentAt);
            Assert.Equal(customer.Id, s.CustomerId);
        });
        Assert.Empty(server.Received.Skip(3));
    }

    [Fact]
    public async Task An_alert_of_no_customer_goes_to_the_global_list_and_one_with_nobody_to_tell_queues_nothing()
    {
        using var server = await SmtpServer.StartAsync(SmtpServerMode.Auth);
        await portal.UseSmtpAsync(server);
        await portal.SetGlobalEmailsAsync("noc@msp.test");
        var provider = portal.Expiring(null, "CA 'Contoso Root'", 30) with { Kind = AlertKinds.ProviderUnreachable, Title = "DNS provider 'pdns' is unreachable" };

        Assert.Equal(1, await portal.RaiseAsync(provider));
        var mail = Assert.Single(await server.WaitForMailsAsync(1, Wait));
        Assert.Equal("[CertPortal] DNS provider 'pdns' is unreachable", mail.Subject);
        Assert.Equal(["noc@msp.test"], mail.To);

        await portal.SetGlobalEmailsAsync();
        var quiet = await portal.SeedCustomerAsync();
        Assert.Equal(0, await portal.RaiseAsync(portal.Expiring(quiet.Id, "quiet.example", 7)));
    }

    [Fact]
    public async Task A_title_with_a_line_break_cannot_add_mail_headers()
    {
        using var server = await SmtpServer.StartAsync();
        await portal.UseSmtpAsync(server);
        await portal.SetGlobalEmailsAsync("noc@msp.test");
        var alert = portal.Expiring(null, "x", 1) with { Title = "www.example expires\r\nBcc: victim@evil.test" };

        await portal.RaiseAsync(alert);

        var mail = Assert.Single(await server.WaitForMailsAsync(1, Wait));
        Assert.Equal(["noc@msp.test"], mail.To);
        Assert.Equal("[CertPortal] www.example expires Bcc: victim@evil.test", mail.Subject);
        Assert.Empty(mail.Message.Bcc);
    }
}
