namespace CertPortal.Features.Notifications;

/// <summary>Where a send stands: waiting (first try or a retry), taken by the recipient's server, or failed for good.</summary>
public static class NotificationOutcomes
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    public static readonly string[] All = [Pending, Sent, Failed];
}
