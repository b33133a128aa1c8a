using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Features.Dashboard.Attention;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments;

/// <summary>
/// The deployments' part of the worklist, one item per binding, the worst of what is wrong: its newest run failed,
/// was rolled back or waits for a technician, or the target does not serve the current version.
/// </summary>
internal sealed class DeploymentAttention(DeploymentService deployments, IDbContextFactory<AppDbContext> dbFactory, ICertificateVersions versions) : IAttentionSource
{
    public async Task<IReadOnlyList<AttentionItem>> ListAsync(AttentionScope scope, CancellationToken ct)
    {
        var needing = await deployments.AllNeedingAttentionAsync(scope.CustomerId, Actor.Job("attention"), ct);
        if (needing.Count == 0)
            return [];
        var certificateIds = needing.Select(d => d.CertificateId).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var currentSince = await versions.CurrentVersions(db).Where(c => certificateIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Since, ct);
        return needing.Select(d => ToItem(d, currentSince.GetValueOrDefault(d.CertificateId))).ToList();
    }

    private static AttentionItem ToItem(DeploymentView d, DateTime? currentSince)
    {
        var name = $"{d.CertificateName} on '{d.TargetName}'";
        AttentionItem Item(string kind, string severity, string what, string detail, DateTime since) =>
            new(kind, severity, d.CustomerId, "", "deployment", d.Id, $"{name}: {what}", detail, since, $"deployments/{d.Id}");
        switch (d.LastRun)
        {
            case { Status: RunStatus.Failed } run:
                return Item(AttentionKinds.DeploymentFailed, AttentionKinds.Critical, "deployment failed",
                    $"Version {run.CertificateVersion}: {FailedStep(run) ?? "the run failed."}", run.FinishedAt ?? run.QueuedAt);
            case { Status: RunStatus.RolledBack } run:
                return Item(AttentionKinds.DeploymentRolledBack, AttentionKinds.Critical, "rolled back",
                    $"Version {run.CertificateVersion} did not hold and the target was put back{(FailedStep(run) is { } why ? $": {why}" : ".")}", run.FinishedAt ?? run.QueuedAt);
            case { AwaitingPerson: true } run:
                var waitingSince = run.Steps.LastOrDefault(s => s.Name == "manual" && s.Status == "waiting")?.At ?? run.StartedAt ?? run.QueuedAt;
                return Item(AttentionKinds.DeploymentWaiting, AttentionKinds.Warning, "waits for a technician",
                    $"Version {run.CertificateVersion}: put it in place by hand, then mark the run done.", waitingSince);
            default:
                var serves = d.VerifiedVersion is { } v ? $"It serves version {v}; the current one is {d.CurrentVersion}." : $"Version {d.CurrentVersion} is not verified on it yet.";
                var underWay = d.LastRun is { } last && RunStatus.IsOpen(last.Status) ? " A run is under way." : "";
                return Item(AttentionKinds.DeploymentOutdated, AttentionKinds.Warning, "not on the current version", serves + underWay, currentSince ?? d.CreatedAt);
        }
    }

    private static string? FailedStep(DeploymentRunView run) => run.Steps.LastOrDefault(s => s.Status == "failed")?.Message;
}
