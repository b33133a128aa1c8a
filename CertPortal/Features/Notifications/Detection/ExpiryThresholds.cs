namespace CertPortal.Features.Notifications.Detection;

/// <summary>Which expiry thresholds (days before notAfter) a certificate has passed.</summary>
public static class ExpiryThresholds
{
    /// <summary>The rules' thresholds, positive and distinct, most urgent (fewest days) first.</summary>
    public static IReadOnlyList<int> Normalize(IEnumerable<int> days) => days.Where(d => d > 0).Distinct().Order().ToList();

    /// <summary>The thresholds passed with <paramref name="left"/> remaining, most urgent first; empty when none is.</summary>
    public static IReadOnlyList<int> Passed(IReadOnlyList<int> thresholds, TimeSpan left) =>
        left <= TimeSpan.Zero ? [] : thresholds.Where(d => left <= TimeSpan.FromDays(d)).ToList();
}
