using CertPortal.Acme;

namespace CertPortal.Features.Certificates.Issuance;

/// <summary>
/// When to renew: inside the CA's ARI window when it gives one (RFC 9773 §4.2: a random moment in the window), else
/// when a third of the lifetime is left (half of it for a short-lived certificate, so a CA outage of a day or two
/// does not end it), moved earlier by up to 1/30 of the lifetime so certificates issued together do not all renew in
/// the same minute.
/// </summary>
public static class RenewalSchedule
{
    /// <summary>Below this lifetime a certificate is short-lived (Let's Encrypt's <c>shortlived</c> profile: about 6 days).</summary>
    public static readonly TimeSpan ShortLived = TimeSpan.FromDays(10);

    public static DateTime WithoutAri(DateTime notBefore, DateTime notAfter, Random random)
    {
        var lifetime = notAfter - notBefore;
        var jitter = TimeSpan.FromTicks((long)(lifetime.Ticks / 30.0 * random.NextDouble()));
        return notAfter - LeftAtRenewal(lifetime) - jitter;
    }

    /// <summary>The part of the lifetime still left when the renewal starts (before jitter).</summary>
    public static TimeSpan LeftAtRenewal(TimeSpan lifetime) => lifetime < ShortLived ? lifetime / 2 : lifetime / 3;

    /// <summary>From one renewal to the next when every new certificate lives as long: the lifetime less what is left.</summary>
    public static TimeSpan Cadence(TimeSpan lifetime) => lifetime - LeftAtRenewal(lifetime);

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
