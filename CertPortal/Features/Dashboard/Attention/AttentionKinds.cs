namespace CertPortal.Features.Dashboard.Attention;

/// <summary>What can be wrong, as worklist items name it; severities of the README's API section.</summary>
public static class AttentionKinds
{
    public const string CertificateFailed = "certificate.failed";
    public const string CertificateExpiring = "certificate.expiring";
    public const string CertificateExpired = "certificate.expired";

    /// <summary>An imported certificate (or one without auto-renew) that is expiring: nobody renews it but a person.</summary>
    public const string CertificateNotRenewed = "certificate.not-renewed";

    public const string ManualDnsRecord = "dns.manual-record";
    public const string DeploymentFailed = "deployment.failed";
    public const string DeploymentRolledBack = "deployment.rolled-back";
    public const string DeploymentOutdated = "deployment.outdated";
    public const string DeploymentWaiting = "deployment.waiting";
    public const string ClientCertificateExpiring = "client-certificate.expiring";
    public const string CaExpiring = "ca.expiring";
    public const string CrlStale = "crl.stale";

    public const string Critical = "critical";
    public const string Warning = "warning";
}
