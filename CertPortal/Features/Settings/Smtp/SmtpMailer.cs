using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace CertPortal.Features.Settings.Smtp;

/// <summary>
/// Sends mail with MailKit through the server in the "smtp" settings group. Every refusal or failure comes back as
/// a <see cref="MailSendResult"/> that says why in the server's own words where it gave some; the password never
/// appears in a result or a log.
/// </summary>
public sealed class SmtpMailer(SettingsStore store, ILogger<SmtpMailer> logger) : IMailSender
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public const string NotConfigured = "SMTP is not configured.";

    public async Task<bool> IsConfiguredAsync(CancellationToken ct) => (await store.GetAsync(SmtpSettings.Key, SmtpSettings.None, ct)).IsConfigured;

    public async Task<MailSendResult> SendAsync(MailContent mail, CancellationToken ct)
    {
        var settings = await store.GetAsync(SmtpSettings.Key, SmtpSettings.None, ct);
        if (!settings.IsConfigured)
            return Refused(settings, NotConfigured, final: true);
        if (mail.To.Count == 0)
            return Refused(settings, "The mail has no recipient.", final: true);
        var bad = mail.To.FirstOrDefault(to => !MailboxAddress.TryParse(to, out _));
        if (bad is not null)
            return Refused(settings, $"'{bad}' is not a mail address.", final: true);
        if (!MailboxAddress.TryParse(settings.From, out var from))
            return Refused(settings, $"The sender '{settings.From}' is not a mail address.", final: true);

        var password = (await store.SecretsAsync(SmtpSettings.Key, ct)).GetValueOrDefault(SmtpSettings.PasswordSecret) ?? "";
        var message = Message(from, mail);
        var replies = new SmtpReplies();
        string? presented = null;
        using var client = new SmtpClient(replies) { Timeout = (int)Timeout.TotalMilliseconds };
        var pinned = string.IsNullOrWhiteSpace(settings.PinnedCertSha256) ? null : settings.PinnedCertSha256.Replace(":", "").Trim().ToLowerInvariant();
        client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            presented = certificate is null ? null : Convert.ToHexStringLower(SHA256.HashData(certificate.GetRawCertData()));
            return pinned is null ? errors == SslPolicyErrors.None : presented == pinned;
        };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Timeout);
        var where = $"{settings.Host}:{settings.Port}";
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, Socket(settings.Security), deadline.Token);
            if (!string.IsNullOrWhiteSpace(settings.Username))
                await client.AuthenticateAsync(settings.Username, password, deadline.Token);
            var answer = await client.SendAsync(message, deadline.Token);
            var said = replies.Last is { } last && last.StartsWith("250", StringComparison.Ordinal) ? last : $"250 {answer}";
            await client.DisconnectAsync(quit: true, deadline.Token);
            logger.LogInformation("Mail {Subject} sent to {Recipients} through {SmtpServer}: {SmtpAnswer}", mail.Subject, mail.To, where, said);
            return new MailSendResult(true, said);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Refused(settings, $"No answer from {where} within {Timeout.TotalSeconds:0} s.");
        }
        catch (SocketException e)
        {
            return Refused(settings, $"Could not connect to {where}: {e.Message}.");
        }
        catch (SslHandshakeException)
        {
            return Refused(settings, (presented, pinned) switch
            {
                (null, _) => $"TLS with {where} failed: the server did not complete a TLS handshake (check the port and security).",
                (_, null) => $"TLS with {where} failed: the server's certificate ({presented}) is not trusted by this system (pin its SHA-256 if it is self-made).",
                _ => $"TLS with {where} failed: the server's certificate ({presented}) is not the pinned one.",
            });
        }
        catch (MailKit.Security.AuthenticationException e)
        {
            return Refused(settings, $"Authentication failed: {ServerSaid(replies, e.Message)}");
        }
        catch (ServiceNotAuthenticatedException)
        {
            return Refused(settings, $"{where} requires a login: {ServerSaid(replies, "set a username and password")}");
        }
        catch (SmtpCommandException e)
        {
            return Refused(settings, $"{where} refused the mail: {ServerSaid(replies, $"{(int)e.StatusCode} {e.Message}")}");
        }
        catch (SmtpProtocolException e)
        {
            return Refused(settings, $"{where} broke the SMTP conversation: {e.Message}");
        }
        catch (NotSupportedException e)
        {
            // e.g. a username is set but the server offers no AUTH, or "tls" against a server that expects STARTTLS.
            return Refused(settings, $"{where}: {e.Message}");
        }
        catch (IOException e)
        {
            return Refused(settings, $"The connection to {where} failed: {e.Message}");
        }
    }

    private static MimeMessage Message(MailboxAddress from, MailContent mail)
    {
        var message = new MimeMessage { Subject = mail.Subject };
        message.From.Add(new MailboxAddress(string.IsNullOrEmpty(from.Name) ? "CertPortal" : from.Name, from.Address));
        foreach (var to in mail.To)
            message.To.Add(MailboxAddress.Parse(to));
        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();
        return message;
    }

    private static SecureSocketOptions Socket(string security) => security switch
    {
        "tls" => SecureSocketOptions.SslOnConnect,
        "starttls" => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };

    /// <summary>The server's own last refusal (4xx/5xx), else what MailKit made of it.</summary>
    private static string ServerSaid(SmtpReplies replies, string fallback) => replies.LastRefusal ?? fallback;

    private MailSendResult Refused(SmtpSettings settings, string reason, bool final = false)
    {
        logger.LogWarning("Mail not sent through {SmtpServer}: {Reason}", settings.IsConfigured ? $"{settings.Host}:{settings.Port}" : "(none)", reason);
        return new MailSendResult(false, reason, final);
    }
}
