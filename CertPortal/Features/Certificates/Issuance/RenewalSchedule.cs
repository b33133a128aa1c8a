using CertPortal.Acme;

namespace CertPortal.Features.Certificates.Issuance;

/// <summary>
/// When to renew: inside the CA's ARI window when it gives one (RFC 9773 §4.2: a random moment in the window), else
/// when a third of the lifetime is left, moved earlier by up to 1/30 of the lifetime so certificates issued
/// together do not all renew in the same minute.
/// </summary>
public static class RenewalSchedule
{
    public static DateTime OneThirdLeft(DateTime notBefore, DateTime notAfter, Random random)
    {
        var lifetime = notAfter - notBefore;
        var jitter = TimeSpan.FromTicks((long)(lifetime.Ticks / 30.0 * random.NextDouble()));
        return notAfter - lifetime / 3 - jitter;
    }

    public static DateTime InWindow(RenewalInfo window, Random random)
    {
        var start = window.WindowStart.UtcDateTime;
        var span = window.WindowEnd.UtcDateTime - start;
        return span <= TimeSpan.Zero ? start : start + TimeSpan.FromTicks((long)(span.Ticks * random.NextDouble()));
    }

    /// <summary>Wait after the n-th failure in a row: 5 min doubling to at most 12 h, ±10 %.</summary>
    public static TimeSpan Backoff(int failures, Random random)
    {
        var minutes = Math.Min(5 * Math.Pow(2, Math.Max(0, failures - 1)), 12 * 60);
        return TimeSpan.FromMinutes(minutes * (0.9 + 0.2 * random.NextDouble()));
    }
}
