namespace CertPortal.Features.Certificates;

/// <summary>
/// The expiry thresholds (30, 14, 7, 1 days, and the worklist's 7-day "critical") are set for the 90-day certificates
/// ACME made usual. A certificate that lives shorter gets them in proportion: a 45-day one at half the days, a 6-day
/// one (the <c>shortlived</c> profile) at a fifteenth, so it is "expiring" only once its renewal is late rather than
/// all its life. Longer-lived certificates keep the days as set. See README, "Short-lived certificates".
/// </summary>
public static class ExpiryScale
{
    public static readonly TimeSpan Reference = TimeSpan.FromDays(90);

    /// <summary>1 for 90 days and longer (or unknown); the lifetime's share of 90 days below that.</summary>
    public static double Of(DateTime? notBefore, DateTime? notAfter) =>
        notBefore is { } from && notAfter is { } to && to > from && to - from < Reference ? (to - from) / Reference : 1;
}
