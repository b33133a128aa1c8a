namespace CertPortal.Features.Notifications;

/// <summary>The event kinds of the README's API section; channels subscribe to a set of them.</summary>
public static class AlertKinds
{
    public const string CertificateExpiring = "certificate.expiring";
    public const string CertificateRenewalFailed = "certificate.renewal-failed";
    public const string CertificateRecovered = "certificate.recovered";
    public const string DeploymentFailed = "deployment.failed";
    public const string DeploymentRolledBack = "deployment.rolled-back";
    public const string DeploymentWaiting = "deployment.waiting";
    public const string EndpointMismatch = "endpoint.mismatch";

    /// <summary>A watched endpoint (endpoint discovery) has a new problem: expiring, changed, chain incomplete, ...</summary>
    public const string EndpointProblem = "endpoint.problem";
    public const string ProviderUnreachable = "provider.unreachable";
    public const string Test = "test";

    public static readonly string[] All =
    [
        CertificateExpiring, CertificateRenewalFailed, CertificateRecovered, DeploymentFailed, DeploymentRolledBack,
        DeploymentWaiting, EndpointMismatch, EndpointProblem, ProviderUnreachable, Test,
    ];
}
