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

    /// <summary>Mails queued outside the alerts (the daily digest).</summary>
    public void AddMails(int count) => Sent += count;

    public AlertScanResult Result => new(Sent, Alerts);
}
