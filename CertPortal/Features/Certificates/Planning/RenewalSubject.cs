using CertPortal.Features.Certificates.Issuance;

namespace CertPortal.Features.Certificates.Planning;

/// <summary>
/// A certificate as the planner counts it: its account and the CA's limits, the names as the CA counts them, its
/// lifetime and its renewal plan. <see cref="Ari"/>: the CA gives it a renewal window, so its renewal names the
/// certificate it replaces.
/// </summary>
public sealed record RenewalSubject(
    Guid CertificateId,
    string CommonName,
    Guid CustomerId,
    Guid AccountId,
    string AccountName,
    CaLimits Limits,
    bool Ari,
    IReadOnlyList<string> Domains,
    string IdentifierSet,
    string Status,
    DateTime NotBefore,
    DateTime NotAfter,
    DateTime? RenewAfter,
    DateTime? NextAttemptAt,
    DateTime? SpreadFrom,
    string? SpreadReason)
{
    public TimeSpan Lifetime => NotAfter - NotBefore;

    /// <summary>The time the schedule chose, before any spreading.</summary>
    public DateTime? Planned => SpreadFrom ?? RenewAfter;

    /// <summary>The planner never moves a renewal earlier than half the lifetime left.</summary>
    public DateTime Earliest => NotAfter - Lifetime / 2;

    /// <summary>
    /// From one renewal to the next, each new certificate living as long as this one: inside the ARI window at the
    /// same point as now (later windows are not known yet), else as <see cref="RenewalSchedule.Cadence"/>: two thirds of
    /// the lifetime, half of it for a short-lived certificate.
    /// </summary>
    public TimeSpan Cadence =>
        Ari && RenewAfter is { } at && at - NotBefore > TimeSpan.Zero && at - NotBefore < Lifetime ? at - NotBefore : RenewalSchedule.Cadence(Lifetime);

    /// <summary>When the next renewal will start: its planned time, or now when it is overdue; null when none is planned.</summary>
    public DateTime? Next(DateTime now) => Status switch
    {
        CertificateStatus.Failed when NextAttemptAt is { } next => Max(next, now),
        CertificateStatus.Valid or CertificateStatus.Expired when RenewAfter is { } at => Max(at, now),
        _ => null,
    };

    /// <summary>The next renewal and the ones after it, up to <paramref name="until"/> (exclusive).</summary>
    public IEnumerable<(DateTime At, bool Projected)> Renewals(DateTime now, DateTime until)
    {
        if (Next(now) is not { } at || Lifetime <= TimeSpan.Zero)
            yield break;
        var step = Cadence < TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : Cadence;
        for (var projected = false; at < until; at += step, projected = true)
            yield return (at, projected);
    }

    /// <summary>A renewal the planning step may move: planned ahead, not ARI-timed, and counted against some limit.</summary>
    public bool Movable(DateTime now) =>
        Status == CertificateStatus.Valid && !Ari && RenewAfter > now && !Limits.Exempt(ari: false);

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
