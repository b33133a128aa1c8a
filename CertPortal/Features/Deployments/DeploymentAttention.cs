using CertPortal.Common.Runs;
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
internal sealed class DeploymentAttention(IDbContextFactory<AppDbContext> dbFactory, ICertificateVersions versions, ITargetAccess targets) : IAttentionSource
{
    public async Task<IReadOnlyList<AttentionItem>> ListAsync(AttentionScope scope, CancellationToken ct) =>
        (await SliceAsync(scope, null, ct)).Top;

    public Task<AttentionSlice> TopAsync(AttentionScope scope, int limit, CancellationToken ct) => SliceAsync(scope, limit, ct);

    private async Task<AttentionSlice> SliceAsync(AttentionScope scope, int? limit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bindings = db.Set<Deployment>().AsNoTracking().VisibleTo(scope.Viewer);
        var states = await BindingState.Needing(BindingState.Of(db, bindings, versions), null).ToListAsync(ct);
        if (states.Count == 0)
            return new AttentionSlice([], 0, 0);
        var targetNames = await targets.HeadlinesAsync(states.Select(s => s.TargetId).Distinct().ToList(), ct);
        string TargetName(BindingState s) => targetNames.GetValueOrDefault(s.TargetId)?.Name ?? "—";
        // Every item's kind, title and order come from the state; the run (which step failed) only for the items shown.
        var outline = states.Select(s => (State: s, Item: ToItem(s, null, TargetName(s)))).OrderBy(x => x.Item, MostUrgentFirst.Instance).ToList();
        var shown = limit is { } n ? outline.Take(n).ToList() : outline;
        var troubled = shown.Where(x => IsRunTrouble(x.State)).Select(x => x.State.DeploymentId).ToList();
        var runs = await DeploymentService.LastRunsAsync(db, troubled, ct);
        var items = shown.Select(x => runs.TryGetValue(x.State.DeploymentId, out var run) ? ToItem(x.State, run, TargetName(x.State)) : x.Item).ToList();
        return new AttentionSlice(items, outline.Count, outline.Count(x => x.Item.Severity == AttentionKinds.Critical));
    }

    private static bool IsRunTrouble(BindingState s) => s.LastStatus is RunStatus.Failed or RunStatus.RolledBack || s.LastAwaitingPerson;

    /// <summary>The binding's item; <paramref name="run"/> (its newest run) adds what went wrong to the detail.</summary>
    private static AttentionItem ToItem(BindingState s, DeploymentRun? run, string targetName)
    {
        AttentionItem Item(string kind, string severity, string what, string detail, DateTime since) =>
            new(kind, severity, s.CustomerId, "", "deployment", s.DeploymentId, $"{s.CertificateName} on '{targetName}': {what}", detail, since, $"deployments/{s.DeploymentId}");
        var runAt = s.LastRunAt ?? s.CreatedAt;
        var version = run is null ? "" : $"Version {run.CertificateVersion}";
        if (s.LastStatus == RunStatus.Failed)
            return Item(AttentionKinds.DeploymentFailed, AttentionKinds.Critical, "deployment failed",
                run is null ? "" : $"{version}: {FailedStep(run) ?? "the run failed."}", runAt);
        if (s.LastStatus == RunStatus.RolledBack)
            return Item(AttentionKinds.DeploymentRolledBack, AttentionKinds.Critical, "rolled back",
                run is null ? "" : $"{version} did not hold and the target was put back{(FailedStep(run) is { } why ? $": {why}" : ".")}", runAt);
        if (s.LastAwaitingPerson)
            return Item(AttentionKinds.DeploymentWaiting, AttentionKinds.Warning, "waits for a technician",
                run is null ? "" : $"{version}: put it in place by hand, then mark the run done.", runAt);
        var serves = s.VerifiedVersion is { } v ? $"It serves version {v}; the current one is {s.CurrentVersion}." : $"Version {s.CurrentVersion} is not verified on it yet.";
        var underWay = s.LastStatus is { } last && RunStatus.IsOpen(last) ? " A run is under way." : "";
        return Item(AttentionKinds.DeploymentOutdated, AttentionKinds.Warning, "not on the current version", serves + underWay, s.CurrentSince ?? s.CreatedAt);
    }

    private static string? FailedStep(DeploymentRun run) => run.Steps.LastFailure()?.Message;
}
