using CertPortal.Common.Runs;
using CertPortal.Features.Deployments.Runs;

namespace CertPortal.Features.Deployments.Trust;

/// <summary>A trust binding as the API shows it (docs/trust-push.md), with its newest run.</summary>
public sealed record TrustDeploymentView(Guid Id, Guid CustomerId, Guid CaId, Guid TargetId, IReadOnlyDictionary<string, string?> Options, bool AutoPush,
    long? VerifiedCrlNumber, TrustRunView? LastRun, DateTime CreatedAt, string CaName, string TargetName, string TargetType);

/// <summary>POST /api/v1/trust-deployments: a CA, a target, the binding's options (see the target type's trust options).</summary>
public sealed record TrustDeploymentInput(Guid? CaId, Guid? TargetId, Dictionary<string, string?>? Options, bool? AutoPush);

/// <summary>A trust run as the API shows it; statuses and steps as a deployment run's.</summary>
public sealed record TrustRunView(Guid RunId, Guid TrustDeploymentId, long CrlNumber, string Status, DateTime QueuedAt, DateTime? StartedAt, DateTime? FinishedAt,
    IReadOnlyList<RunStep> Steps, string TriggeredBy, int Attempt, DateTime? RetryAt)
{
    public int MaxAttempts => DeploymentRunner.MaxAttempts;

    public static TrustRunView From(TrustRun r) =>
        new(r.Id, r.TrustDeploymentId, r.CrlNumber, r.Status, r.QueuedAt, r.StartedAt, r.FinishedAt, r.Steps, r.TriggeredBy, r.Attempt,
            r.Status == RunStatus.Queued && r.Steps.LastOrDefault() is { Name: "retry", Status: RunStep.Waiting } ? r.NotBefore : null);
}
