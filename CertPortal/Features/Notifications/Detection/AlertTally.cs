namespace CertPortal.Features.Notifications.Detection;

/// <summary>What one alert scan did: alerts raised, and the sends (mails, channel posts) queued for them.</summary>
public sealed record AlertScanResult(int Sent, int Alerts);

/// <summary>Counts a scan's alerts as its parts raise them.</summary>
public sealed class AlertTally
{
    public int Alerts { get; private set; }

    public int Sent { get; private set; }

    public void Add(int? sends)
    {
        if (sends is not { } count)
            return;
        Alerts++;
        Sent += count;
    }

    /// <summary>A mail sent outside the alert queue (the daily digest).</summary>
    public void AddMail() => Sent++;

    public AlertScanResult Result => new(Sent, Alerts);
}
