using CertPortal.Common.Runs;

namespace CertPortal.Features.Deployments.Runs;

/// <summary>
/// Raised in-process when a run reaches its final status (verified, succeeded, failed after its retries, rolled-back),
/// with the step it ended at, its message, and the step that failed (for a rollback, the one that made it necessary).
/// </summary>
public sealed record DeploymentRunFinished(
    Guid RunId,
    Guid DeploymentId,
    Guid CustomerId,
    Guid CertificateId,
    Guid TargetId,
    int Version,
    string Status,
    string Step,
    string Message,
    RunStep? Failure);

/// <summary>Something that acts on a finished run (e.g. alerting). The publisher guards the run against its failures.</summary>
public interface IDeploymentRunListener
{
    Task OnFinishedAsync(DeploymentRunFinished finished, CancellationToken ct);
}
