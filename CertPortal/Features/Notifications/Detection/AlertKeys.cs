namespace CertPortal.Features.Notifications.Detection;

/// <summary>The keys alert conditions are recorded under (<see cref="AlertState.Key"/>): one condition, one key.</summary>
public static class AlertKeys
{
    /// <summary>One threshold of one certificate version (its notAfter): a renewal brings new keys, so thresholds start afresh.</summary>
    public static string Expiring(Guid objectId, DateTime notAfter, int days) => $"{ExpiringPrefix(objectId)}{notAfter.Ticks}:{days}";

    public static string ExpiringPrefix(Guid objectId) => $"{AlertKinds.CertificateExpiring}:{objectId}:";

    public static string RenewalFailed(Guid certificateId) => $"{AlertKinds.CertificateRenewalFailed}:{certificateId}";

    public static string Unreachable(Guid providerOrAccountId) => $"{AlertKinds.ProviderUnreachable}:{providerOrAccountId}";

    public static string DeploymentFailed(Guid deploymentId) => $"{AlertKinds.DeploymentFailed}:{deploymentId}";

    public static string RolledBack(Guid deploymentId) => $"{AlertKinds.DeploymentRolledBack}:{deploymentId}";

    public static string Waiting(Guid deploymentId) => $"{AlertKinds.DeploymentWaiting}:{deploymentId}";

    public static string Mismatch(Guid deploymentId) => $"{AlertKinds.EndpointMismatch}:{deploymentId}";

    public static string Digest(DateTime day) => $"{AlertState.DigestKind}:{day:yyyy-MM-dd}";
}
