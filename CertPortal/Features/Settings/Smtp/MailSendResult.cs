namespace CertPortal.Features.Settings.Smtp;

/// <summary>
/// How a send ended: the server's answer when it took the mail, or why it did not (never a secret). <see cref="Final"/>
/// says that sending the same mail again cannot help until a person changes the settings or the address.
/// </summary>
public sealed record MailSendResult(bool Ok, string Message, bool Final = false);
