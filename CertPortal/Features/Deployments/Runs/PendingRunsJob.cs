using CertPortal.Data;
using CertPortal.Features.Deployments.Trust;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CertPortal.Features.Deployments.Runs;

/// <summary>Every minute: hands the queue the runs (certificate and trust) that wait for a maintenance window or a retry time, so they start once due.</summary>
[DisallowConcurrentExecution]
public sealed class PendingRunsJob(IDbContextFactory<AppDbContext> dbFactory, DeploymentQueue queue, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new(nameof(PendingRunsJob), "deployments");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await RunOnceAsync(ct);

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await (from run in db.Set<DeploymentRun>()
                         join deployment in db.Set<Deployment>() on run.DeploymentId equals deployment.Id
                         where run.Status == RunStatus.WaitingWindow || run.Status == RunStatus.Queued && run.NotBefore != null && run.NotBefore <= now
                         select new { run.Id, deployment.TargetId }).ToListAsync(ct);
        var dueTrust = await (from run in db.Set<TrustRun>()
                              join binding in db.Set<TrustDeployment>() on run.TrustDeploymentId equals binding.Id
                              where run.Status == RunStatus.WaitingWindow || run.Status == RunStatus.Queued && run.NotBefore != null && run.NotBefore <= now
                              select new { run.Id, binding.TargetId }).ToListAsync(ct);
        foreach (var run in due.Concat(dueTrust))
            await queue.EnqueueAsync(run.Id, run.TargetId, ct);
        return due.Count + dueTrust.Count;
    }
}
