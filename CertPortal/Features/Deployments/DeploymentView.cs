using CertPortal.Common.Runs;
using CertPortal.Features.Deployments.Runs;

namespace CertPortal.Features.Deployments;

/// <summary>A binding as the API shows it (the README's API section), with its newest run and the version verified on the target.</summary>
public sealed record DeploymentView(Guid Id, Guid CertificateId, Guid TargetId, IReadOnlyDictionary<string, string?> Options, bool AutoDeploy,
    Guid CustomerId, int? VerifiedVersion, DeploymentRunView? LastRun, DateTime CreatedAt,
    string CertificateName, int CurrentVersion, string TargetName, string TargetType)
{
    /// <summary>The target is known to serve an older version than the certificate's current one.</summary>
    public bool Outdated => IsOutdated(VerifiedVersion, CurrentVersion);

    public static bool IsOutdated(int? verifiedVersion, int currentVersion) => currentVersion > 0 && verifiedVersion != currentVersion;
}

public sealed record DeploymentInput(Guid? CertificateId, Guid? TargetId, Dictionary<string, string?>? Options, bool? AutoDeploy);

/// <summary>PUT on a binding: only what is given changes (certificate and target stay; bind anew to change those).</summary>
public sealed record DeploymentChange(bool? AutoDeploy, Dictionary<string, string?>? Options);

/// <summary>A run as the README's API section shows it.</summary>
/// <remarks><c>awaitingPerson</c>: a manual target's run waits for "done" (POST .../runs/{runId}/done).</remarks>
public sealed record DeploymentRunView(Guid RunId, Guid DeploymentId, int CertificateVersion, string Status, DateTime QueuedAt, DateTime? StartedAt,
    DateTime? FinishedAt, string? ServedThumbprintSha256, IReadOnlyList<RunStep> Steps, string TriggeredBy, int Attempt, bool AwaitingPerson, string? ConfirmedBy,
    DateTime? RetryAt = null)
{
    /// <summary>How many attempts a run gets before it stays failed.</summary>
    public int MaxAttempts => DeploymentRunner.MaxAttempts;

    public static DeploymentRunView From(DeploymentRun r) =>
        new(r.Id, r.DeploymentId, r.CertificateVersion, r.Status, r.QueuedAt, r.StartedAt, r.FinishedAt, r.ServedThumbprintSha256, r.Steps,
            r.TriggeredBy, r.Attempt, r.AwaitingPerson, r.ConfirmedBy, RetryOf(r));

    /// <summary>When a failed attempt is tried again; null unless the run waits for that.</summary>
    private static DateTime? RetryOf(DeploymentRun r) =>
        r.Status == RunStatus.Queued && r.Steps.LastOrDefault() is { Name: "retry", Status: "waiting" } ? r.NotBefore : null;

    /// <summary>Whether the run waits to try a failed attempt again (Run now starts it at once).</summary>
    public bool Retrying => RetryAt is not null;
}

/// <summary>The answer of "run now".</summary>
public sealed record RunStarted(Guid RunId);

/// <summary>The overview's deployment counts (the dashboard's failed, rolledBack, outdated).</summary>
public sealed record DeploymentSummary(int Bindings, int Failed, int RolledBack, int AwaitingPerson, int Outdated);
