using CertPortal.Features.Certificates;

namespace CertPortal.Features.Dashboard;

/// <summary>
/// One customer's health: the worst state among its certificates (<see cref="Worst"/>: failed, expired, expiring
/// within 30 days, then the statuses of the README's API section; "none" without certificates) and its bindings whose newest run failed.
/// </summary>
public sealed record CustomerHealth(Guid Id, string Name, string WorstStatus, int Certificates, int ExpiringWithin30Days, int Failed, int Expired, int DeploymentsFailed)
{
    public const string Expiring = "expiring";
    public const string None = "none";

    /// <summary>From worst to best.</summary>
    public static readonly string[] Worst =
    [
        CertificateStatus.Failed, CertificateStatus.Expired, Expiring, CertificateStatus.Renewing, CertificateStatus.Issuing, CertificateStatus.Pending,
        CertificateStatus.Valid, CertificateStatus.Revoked, None,
    ];

    /// <summary>0 for the worst state; the order customers are listed in, with failed deployments next.</summary>
    public int Rank => Array.IndexOf(Worst, WorstStatus) is var i and >= 0 ? i : Worst.Length;

    /// <summary>Whether the customer needs a look (an error colour on the page).</summary>
    public bool IsCritical => Rank <= 1 || DeploymentsFailed > 0;
}
