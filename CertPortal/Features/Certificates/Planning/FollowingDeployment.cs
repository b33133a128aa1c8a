namespace CertPortal.Features.Certificates.Planning;

/// <summary>A deployment that follows a renewal: its target, when it runs, and the target's maintenance window (if any).</summary>
public sealed record FollowingDeployment(Guid DeploymentId, Guid CertificateId, string TargetName, DateTime RenewalAt, DateTime At, string? Window);
