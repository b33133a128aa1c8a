namespace CertPortal.Features.Settings.Smtp;

/// <summary>Sends mail through the SMTP server configured in Settings. Never throws for a server's refusal or absence: it answers with why.</summary>
public interface IMailSender
{
    Task<MailSendResult> SendAsync(MailContent mail, CancellationToken ct);

    /// <summary>Whether a server and a sender address are set, so mail can be attempted at all.</summary>
    Task<bool> IsConfiguredAsync(CancellationToken ct);
}
