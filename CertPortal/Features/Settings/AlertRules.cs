namespace CertPortal.Features.Settings;

/// <summary>
/// When and to whom alerts go: days before expiry that each raise one alert, recipients besides each customer's own,
/// the daily digest, and how long a manual deployment may wait for a technician before it is an alert.
/// </summary>
public sealed record AlertRules(
    IReadOnlyList<int> ExpiryThresholdDays,
    IReadOnlyList<string> GlobalEmails,
    bool DailyDigest,
    int DigestHourUtc,
    int WaitingHours)
{
    public const string Key = "alerts";

    public static readonly AlertRules Default = new([30, 14, 7, 1], [], false, 7, 24);

    /// <summary>The widest threshold: what "expiring" means on the dashboard and in the worklist.</summary>
    public int WidestThresholdDays => ExpiryThresholdDays.Count == 0 ? 30 : ExpiryThresholdDays.Max();
}
