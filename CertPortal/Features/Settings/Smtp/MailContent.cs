namespace CertPortal.Features.Settings.Smtp;

/// <summary>One mail to send: recipients, subject, a plain-text body and optionally an HTML one.</summary>
public sealed record MailContent(IReadOnlyList<string> To, string Subject, string Text, string? Html = null);
