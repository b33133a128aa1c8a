namespace CertPortal.Features.Settings.Smtp;

/// <summary>How a send ended: the server's answer when it took the mail, or why it did not (never a secret).</summary>
public sealed record MailSendResult(bool Ok, string Message);
