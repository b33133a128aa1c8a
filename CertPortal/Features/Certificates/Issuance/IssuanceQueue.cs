using CertPortal.Common.Runs;
using CertPortal.Data;
using CertPortal.Data.WorkQueue;
using CertPortal.Features.DnsProviders;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.Certificates.Issuance;

/// <summary>
/// Works orders in the background, at most <see cref="CertificateOptions.MaxParallelIssuances"/> at once on this
/// instance, each certificate at most once at a time on all instances (a queued-work row per certificate). An order
/// cut off (kill -9, or an instance that died with the lease running out) has its run marked interrupted, its
/// challenge records removed, and the certificate ordered again by whichever instance takes it up.
/// </summary>
public sealed class IssuanceQueue(
    QueuedWorkStore store,
    IServiceScopeFactory scopes,
    IDbContextFactory<AppDbContext> dbFactory,
    IOptions<CertificateOptions> options,
    IOptions<QueueOptions> queueOptions,
    TimeProvider clock,
    ILogger<IssuanceQueue> logger) : QueueWorkers(store, scopes, queueOptions, logger)
{
    public const string QueueKind = "issuance";

    protected override string Kind => QueueKind;

    protected override int Workers => Math.Max(1, options.Value.MaxParallelIssuances);

    /// <summary>
    /// Queues an order for the certificate. Asked while its order runs (e.g. "renew" right after an issuance whose
    /// listeners are still at work), it is taken up again once that ends: the new request is not lost, and the runner
    /// does nothing if no work is left by then.
    /// </summary>
    public Task EnqueueAsync(Guid certificateId, CancellationToken ct = default) => EnqueueAsync(certificateId, certificateId, again: true, ct);

    protected override Task WorkAsync(IServiceProvider services, Guid certificateId, CancellationToken ct) =>
        services.GetRequiredService<IssuanceRunner>().RunAsync(certificateId, ct);

    protected override async Task QueueOpenWorkAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await db.Set<Certificate>().Where(c => CertificateStatus.Working.Contains(c.Status)).Select(c => c.Id)
            .Union(db.Set<IssuanceRun>().Where(r => r.Status == "running").Select(r => r.CertificateId))
            .ToListAsync(ct);
        if (open.Count > 0)
            logger.LogInformation("Queuing {Count} certificate order(s) found under way at start (those another instance works are left to it)", open.Count);
        foreach (var id in open)
            await EnqueueAsync(id, id, again: false, ct);
    }

    /// <summary>A run still "running" when its certificate is claimed was cut off: its records go, and it says so.</summary>
    protected override async Task MarkCutOffAsync(Guid certificateId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cutOff = await db.Set<IssuanceRun>().Where(r => r.CertificateId == certificateId && r.Status == "running").ToListAsync(ct);
        if (cutOff.Count == 0)
            return;
        using var _ = ActorAccessor.RunAs(Actor.Job(nameof(IssuanceQueue)));
        await using var scope = Scopes.CreateAsyncScope();
        var dns = scope.ServiceProvider.GetRequiredService<DnsChallengePublisher>();
        foreach (var run in cutOff)
        {
            foreach (var record in run.OpenRecords)
            {
                try
                {
                    await dns.RemoveAsync(record.ProviderId, record.RecordName, record.Value, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Could not remove {Record} left by an interrupted run: {Reason}", record.RecordName, e.Message);
                }
            }
            run.Status = "interrupted";
            run.FinishedAt = clock.GetUtcNow().UtcDateTime;
            run.OpenRecords = [];
            run.AddStep("Interrupted", RunStep.Failed, "The portal stopped during this run; the order is started again.", run.FinishedAt.Value);
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Certificate {CertificateId}: {Count} run(s) cut off marked interrupted; ordering again", certificateId, cutOff.Count);
    }
}
