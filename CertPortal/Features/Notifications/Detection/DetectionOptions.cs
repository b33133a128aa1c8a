namespace CertPortal.Features.Notifications.Detection;

/// <summary>Settings under <c>CertPortal:Notifications</c> that detection reads.</summary>
public sealed class DetectionOptions
{
    public const string Section = "CertPortal:Notifications";

    /// <summary>How often the alert scan runs (1..1440 minutes).</summary>
    public int ScanMinutes { get; set; } = 15;
}
