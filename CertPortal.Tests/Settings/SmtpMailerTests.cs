using CertPortal.Features.Settings;
using CertPortal.Features.Settings.Smtp;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Settings;

/// <summary>SmtpMailer against Debian's aiosmtpd in its three variants, and the ways a send fails.</summary>
public sealed class SmtpMailerTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(SmtpServerMode.Plain)]
    [InlineData(SmtpServerMode.StartTls)]
    [InlineData(SmtpServerMode.Tls)]
    [InlineData(SmtpServerMode.Auth)]
    public async Task A_mail_arrives_at_the_server_and_the_result_is_its_answer(SmtpServerMode mode)
    {
        using var server = await SmtpServer.StartAsync(mode);
        await SaveAsync(server.Settings(), server.Password);

        var result = await SendAsync(new MailContent(["ops@customer.test", "lead@msp.test"], "Certificate www.contoso.test expires in 7 days", "Renew it."));

        Assert.True(result.Ok, result.Message);
        Assert.StartsWith("250 2.0.0 OK: queued as test-0001", result.Message);
        var mail = Assert.Single(await server.WaitForMailsAsync(1, Wait));
        Assert.Equal("portal@certportal.test", mail.From);
        Assert.Equal(["ops@customer.test", "lead@msp.test"], mail.To);
        Assert.Equal("Certificate www.contoso.test expires in 7 days", mail.Subject);
        Assert.Contains("Renew it.", mail.Text);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_the_servers_535()
    {
        using var server = await SmtpServer.StartAsync(SmtpServerMode.Auth);
        await SaveAsync(server.Settings(), "not-the-password");

        var result = await SendAsync(new MailContent(["ops@customer.test"], "Test", "Body"));

        Assert.False(result.Ok);
        Assert.Contains("535", result.Message);
        Assert.Contains("Authentication", result.Message);
        Assert.DoesNotContain("not-the-password", result.Message);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task No_login_at_an_auth_server_is_refused_in_its_words()
    {
        using var server = await SmtpServer.StartAsync(SmtpServerMode.Auth);
        await SaveAsync(server.Settings() with { Username = null }, null);

        var result = await SendAsync(new MailContent(["ops@customer.test"], "Test", "Body"));

        Assert.False(result.Ok);
        Assert.Contains("530", result.Message);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task An_unreachable_port_names_host_and_port()
    {
        var port = FreePort.Next();
        await SaveAsync(new SmtpSettings("127.0.0.1", port, "none", null, "portal@certportal.test", null), null);

        var result = await SendAsync(new MailContent(["ops@customer.test"], "Test", "Body"));

        Assert.False(result.Ok);
        Assert.Contains($"127.0.0.1:{port}", result.Message);
        Assert.Contains("refused", result.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Starttls_with_a_wrong_pin_is_refused_and_sends_nothing()
    {
        using var server = await SmtpServer.StartAsync(SmtpServerMode.StartTls);
        await SaveAsync(server.Settings() with { PinnedCertSha256 = new string('a', 64) }, null);

        var result = await SendAsync(new MailContent(["ops@customer.test"], "Test", "Body"));

        Assert.False(result.Ok);
        Assert.Contains("not the pinned one", result.Message);
        Assert.Contains(server.CertificateSha256!, result.Message);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Starttls_without_a_pin_does_not_trust_a_self_made_certificate()
    {
        using var server = await SmtpServer.StartAsync(SmtpServerMode.StartTls);
        await SaveAsync(server.Settings() with { PinnedCertSha256 = null }, null);

        var result = await SendAsync(new MailContent(["ops@customer.test"], "Test", "Body"));

        Assert.False(result.Ok);
        Assert.Contains("not trusted", result.Message);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Tls_from_the_first_byte_against_a_plain_server_says_the_handshake_failed()
    {
        using var server = await SmtpServer.StartAsync(SmtpServerMode.Plain);
        await SaveAsync(server.Settings() with { Security = "tls" }, null);

        var result = await SendAsync(new MailContent(["ops@customer.test"], "Test", "Body"));

        Assert.False(result.Ok);
        Assert.Contains($"TLS with 127.0.0.1:{server.Port} failed", result.Message);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Without_a_server_nothing_is_sent_and_it_says_so()
    {
        await SaveAsync(SmtpSettings.None, null);

        var result = await SendAsync(new MailContent(["ops@customer.test"], "Test", "Body"));

        Assert.False(result.Ok);
        Assert.Equal("SMTP is not configured.", result.Message);
    }

    private Task SaveAsync(SmtpSettings settings, string? password) => portal.InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<SettingsStore>().SaveAsync(SmtpSettings.Key, settings,
            password is null ? [] : new Dictionary<string, string> { [SmtpSettings.PasswordSecret] = password }, CancellationToken.None);
        return true;
    });

    private Task<MailSendResult> SendAsync(MailContent mail) =>
        portal.InScopeAsync(sp => sp.GetRequiredService<IMailSender>().SendAsync(mail, CancellationToken.None));
}
