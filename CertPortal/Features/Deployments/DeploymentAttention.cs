using CertPortal.Security;
using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Features.Dashboard.Attention;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments;

/// <summary>
/// The deployments' part of the worklist, one item per binding, the worst of what is wrong: its newest run failed,
/// was rolled back or waits for a technician, or the target does not serve the current version.
/// </summary>
internal sealed class DeploymentAttention(IDbContextFactory<AppDbContext> dbFactory, ICertificateVersions versions, TargetService targets) : IAttentionSource
{
    public async Task<IReadOnlyList<AttentionItem>> ListAsync(AttentionScope scope, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bindings = db.Set<Deployment>().AsNoTracking().VisibleTo(scope.Viewer);
        var states = await BindingState.Needing(BindingState.Of(db, bindings, versions), null).ToListAsync(ct);
        if (states.Count == 0)
            return [];
        // Run details (which step failed, since when it waits) only where the newest run is the trouble.
        var troubled = states.Where(s => s.LastStatus is RunStatus.Failed or RunStatus.RolledBack || s.LastAwaitingPerson).Select(s => s.DeploymentId).ToList();
        var runs = await DeploymentService.LastRunsAsync(db, troubled, ct);
        var targetNames = await targets.HeadlinesAsync(states.Select(s => s.TargetId).Distinct().ToList(), ct);
        return states.Select(s => ToItem(s, runs.GetValueOrDefault(s.DeploymentId), targetNames.GetValueOrDefault(s.TargetId)?.Name ?? "—")).ToList();
    }

    private static AttentionItem ToItem(BindingState s, DeploymentRun? run, string targetName)
    {
        AttentionItem Item(string kind, string severity, string what, string detail, DateTime since) =>
            new(kind, severity, s.CustomerId, "", "deployment", s.DeploymentId, $"{s.CertificateName} on '{targetName}': {what}", detail, since, $"deployments/{s.DeploymentId}");
        switch (run)
        {
            case { Status: RunStatus.Failed }:
                return Item(AttentionKinds.DeploymentFailed, AttentionKinds.Critical, "deployment failed",
                    $"Version {run.CertificateVersion}: {FailedStep(run) ?? "the run failed."}", run.FinishedAt ?? run.QueuedAt);
            case { Status: RunStatus.RolledBack }:
                return Item(AttentionKinds.DeploymentRolledBack, AttentionKinds.Critical, "rolled back",
                    $"Version {run.CertificateVersion} did not hold and the target was put back{(FailedStep(run) is { } why ? $": {why}" : ".")}", run.FinishedAt ?? run.QueuedAt);
            case { AwaitingPerson: true }:
                var waitingSince = run.Steps.LastOrDefault(step => step is { Name: "manual", Status: "waiting" })?.At ?? run.StartedAt ?? run.QueuedAt;
                return Item(AttentionKinds.DeploymentWaiting, AttentionKinds.Warning, "waits for a technician",
                    $"Version {run.CertificateVersion}: put it in place by hand, then mark the run done.", waitingSince);
            default:
                var serves = s.VerifiedVersion is { } v ? $"It serves version {v}; the current one is {s.CurrentVersion}." : $"Version {s.CurrentVersion} is not verified on it yet.";
                var underWay = s.LastStatus is { } last && RunStatus.IsOpen(last) ? " A run is under way." : "";
                return Item(AttentionKinds.DeploymentOutdated, AttentionKinds.Warning, "not on the current version", serves + underWay, s.CurrentSince ?? s.CreatedAt);
        }
    }

    private static string? FailedStep(DeploymentRun run) => run.Steps.LastOrDefault(step => step.Status == "failed")?.Message;
}
