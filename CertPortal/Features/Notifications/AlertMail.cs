using CertPortal.Features.Settings.Smtp;

namespace CertPortal.Features.Notifications;

/// <summary>
/// How an alert reads as mail. The subject names the customer and the object, so a full inbox can be scanned:
/// <c>[CertPortal] Contoso: www.contoso.com expires in 14 days</c>. The body is the detail and the link.
/// </summary>
public static class AlertMail
{
    public const string SubjectPrefix = "[CertPortal]";

    public const int MaxSubjectLength = 250;

    public static string Subject(AlertEvent alert, string? customerName) =>
        Shorten(Flatten(string.IsNullOrWhiteSpace(customerName) ? $"{SubjectPrefix} {alert.Title}" : $"{SubjectPrefix} {customerName}: {alert.Title}"));

    public static string Text(AlertEvent alert) => $"{alert.Detail}\n\nOpen in CertPortal: {alert.Url}\n";

    /// <summary>The mail as sent: plain text to one recipient (mail programs turn the link into a link).</summary>
    public static MailContent Content(string to, string subject, string text) => new([to], subject, text);

    // A subject is one line: a title with a line break would fold into a header injection or a broken subject.
    private static string Flatten(string subject) => string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    private static string Shorten(string subject) => subject.Length <= MaxSubjectLength ? subject : subject[..(MaxSubjectLength - 1)] + "…";
}
