namespace CertPortal.Features.Certificates;

/// <summary>
/// The certificate counts of the dashboard and <c>GET /api/v1/dashboard</c>. <see cref="ByStatus"/> has every status
/// of the README's API section (0 when none); "expiring" is ending within N days, not yet ended, not revoked.
/// </summary>
public sealed record CertificateFigures(int Total, IReadOnlyDictionary<string, int> ByStatus, int ExpiringWithin7Days, int ExpiringWithin30Days, int ExpiringWithin60Days)
{
    private static readonly string[] Statuses =
    [
        CertificateStatus.Valid, CertificateStatus.Pending, CertificateStatus.Issuing, CertificateStatus.Renewing, CertificateStatus.Failed,
        CertificateStatus.Expired, CertificateStatus.Revoked,
    ];

    public static CertificateFigures From(IReadOnlyList<CertificateCount> counts)
    {
        var byStatus = Statuses.ToDictionary(s => s, s => counts.Where(c => c.Status == s).Sum(c => c.Count));
        int Within(int days) => counts.Where(c => c.Window is > 0 && c.Window <= days).Sum(c => c.Count);
        return new CertificateFigures(counts.Sum(c => c.Count), byStatus, Within(7), Within(30), Within(60));
    }
}
