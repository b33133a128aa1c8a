namespace CertPortal.Features.Notifications.Detection;

/// <summary>Settings under <c>CertPortal:Notifications</c> that detection reads.</summary>
public sealed class DetectionOptions
{
    public const string Section = "CertPortal:Notifications";

    /// <summary>How often the alert scan runs (1..1440 minutes).</summary>
    public int ScanMinutes { get; set; } = 15;

    /// <summary>How long the notification log keeps sends that ended (1..3650 days).</summary>
    public int KeepNotificationsDays { get; set; } = 365;
}
