using System.Collections.Concurrent;
using System.Threading.Channels;
using CertPortal.Common.Runs;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments.Runs;

/// <summary>
/// Works runs in the background, one run per target at a time (a device is not pushed two certificates at once).
/// At start it takes up what the database says: a run cut off while running gets an "interrupted" step and is run
/// again (the same run, so nothing is doubled); queued runs are started.
/// </summary>
public sealed class DeploymentQueue(IServiceScopeFactory scopes, IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ILogger<DeploymentQueue> logger) : BackgroundService
{
    // Runs wait on devices (commits, reloads, handshakes), not on the CPU: a fan-out of one renewal to a few dozen
    // targets finishes in seconds with this many at once.
    private const int Workers = 8;
    private readonly Channel<(Guid RunId, Guid TargetId)> _channel = Channel.CreateUnbounded<(Guid, Guid)>();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _targets = new();

    public void Enqueue(Guid runId, Guid targetId) => _channel.Writer.TryWrite((runId, targetId));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ResumeAsync(stoppingToken);
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var (runId, targetId) in _channel.Reader.ReadAllAsync(ct))
            {
                var gate = _targets.GetOrAdd(targetId, _ => new SemaphoreSlim(1, 1));
                await gate.WaitAsync(ct);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<DeploymentRunner>().RunAsync(runId, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Deployment run {RunId} failed unexpectedly", runId);
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: a running run stays "running" in the database and is taken up at the next start.
        }
    }

    private async Task ResumeAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A manual run waiting for a person is not cut off by a restart: it still waits for "done".
        var open = await db.Set<DeploymentRun>().Where(r => (r.Status == RunStatus.Running && !r.AwaitingPerson) || r.Status == RunStatus.Queued).OrderBy(r => r.QueuedAt).ToListAsync(ct);
        foreach (var run in open.Where(r => r.Status == RunStatus.Running))
        {
            run.AddStep("interrupted", RunStep.Failed, "The portal stopped during this run; it is run again.", clock.GetUtcNow().UtcDateTime);
            run.Status = RunStatus.Queued;
        }
        await db.SaveChangesAsync(ct);
        var deploymentTargets = await db.Set<Deployment>().Where(d => open.Select(r => r.DeploymentId).Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.TargetId, ct);
        foreach (var run in open.Where(r => deploymentTargets.ContainsKey(r.DeploymentId)))
            Enqueue(run.Id, deploymentTargets[run.DeploymentId]);
    }
}
