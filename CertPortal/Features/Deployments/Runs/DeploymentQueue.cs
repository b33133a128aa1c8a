using CertPortal.Common.Runs;
using CertPortal.Data;
using CertPortal.Data.WorkQueue;
using CertPortal.Features.Deployments.Trust;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.Deployments.Runs;

/// <summary>
/// Works runs in the background, one run per target at a time on all instances (the target is the queued-work row's
/// lock key: a device is not pushed two certificates at once). A run cut off while running (kill -9, or an instance
/// that died with the lease running out) gets an "interrupted" step and is run again by whichever instance takes it
/// up (the same run, so nothing is doubled, and a change cut off halfway is made again or put back). Trust runs
/// (<see cref="TrustRun"/>) go through this queue too, so the one-run-per-target lock covers them as well.
/// </summary>
public sealed class DeploymentQueue(
    QueuedWorkStore store,
    IServiceScopeFactory scopes,
    IDbContextFactory<AppDbContext> dbFactory,
    IOptions<QueueOptions> queueOptions,
    TimeProvider clock,
    ILogger<DeploymentQueue> logger) : QueueWorkers(store, scopes, queueOptions, logger)
{
    public const string QueueKind = "deployment";

    protected override string Kind => QueueKind;

    // Runs wait on devices (commits, reloads, handshakes), not on the CPU: a fan-out of one renewal to a few dozen
    // targets finishes in seconds with this many at once.
    protected override int Workers => 8;

    public Task EnqueueAsync(Guid runId, Guid targetId, CancellationToken ct = default) => EnqueueAsync(runId, targetId, again: true, ct);

    protected override async Task WorkAsync(IServiceProvider services, Guid runId, CancellationToken ct)
    {
        if (!await services.GetRequiredService<TrustRunner>().TryRunAsync(runId, ct))
            await services.GetRequiredService<DeploymentRunner>().RunAsync(runId, ct);
    }

    protected override async Task QueueOpenWorkAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A manual run waiting for a person is not cut off by a restart: it still waits for "done".
        var open = await (from run in db.Set<DeploymentRun>()
                          join deployment in db.Set<Deployment>() on run.DeploymentId equals deployment.Id
                          where (run.Status == RunStatus.Running && !run.AwaitingPerson) || run.Status == RunStatus.Queued
                          orderby run.QueuedAt
                          select new { run.Id, deployment.TargetId }).ToListAsync(ct);
        foreach (var run in open)
            await EnqueueAsync(run.Id, run.TargetId, again: false, ct);
        var openTrust = await (from run in db.Set<TrustRun>()
                               join binding in db.Set<TrustDeployment>() on run.TrustDeploymentId equals binding.Id
                               where run.Status == RunStatus.Running || run.Status == RunStatus.Queued
                               orderby run.QueuedAt
                               select new { run.Id, binding.TargetId }).ToListAsync(ct);
        foreach (var run in openTrust)
            await EnqueueAsync(run.Id, run.TargetId, again: false, ct);
    }

    /// <summary>A run still "running" when claimed was cut off: it says so and is queued to run again.</summary>
    protected override async Task MarkCutOffAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await TrustRunner.MarkCutOffAsync(db, runId, clock.GetUtcNow().UtcDateTime, ct))
        {
            logger.LogInformation("Trust run {RunId} was cut off; running it again", runId);
            return;
        }
        var run = await db.Set<DeploymentRun>().SingleOrDefaultAsync(r => r.Id == runId && r.Status == RunStatus.Running && !r.AwaitingPerson, ct);
        if (run is null)
            return;
        run.AddStep("interrupted", RunStep.Failed, "The portal stopped during this run; it is run again.", clock.GetUtcNow().UtcDateTime);
        run.Status = RunStatus.Queued;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Deployment run {RunId} was cut off; running it again", runId);
    }
}
