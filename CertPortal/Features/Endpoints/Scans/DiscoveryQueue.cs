using CertPortal.Data;
using CertPortal.Data.WorkQueue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.Endpoints.Scans;

/// <summary>
/// Works scans in the background on the durable queue, so that on a cluster each scan runs on one instance and a scan
/// cut off by a dying instance is run again from the start by another (what it found stays watched either way).
/// </summary>
public sealed class DiscoveryQueue(
    QueuedWorkStore store,
    IServiceScopeFactory scopes,
    IDbContextFactory<AppDbContext> dbFactory,
    IOptions<QueueOptions> queueOptions,
    ILogger<DiscoveryQueue> logger) : QueueWorkers(store, scopes, queueOptions, logger)
{
    public const string QueueKind = "discovery";

    protected override string Kind => QueueKind;

    // Each scan holds up to MaxConcurrency connections of its own: two at once per instance is plenty.
    protected override int Workers => 2;

    /// <summary>Queues a scan; each scan is its own lock key, so scans of one customer may run side by side.</summary>
    public Task EnqueueAsync(Guid scanId, CancellationToken ct) => EnqueueAsync(scanId, scanId, again: false, ct);

    protected override Task WorkAsync(IServiceProvider services, Guid scanId, CancellationToken ct) =>
        services.GetRequiredService<DiscoveryScanner>().RunAsync(scanId, ct);

    protected override async Task QueueOpenWorkAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var id in await db.Set<DiscoveryScan>().Where(s => s.Status != ScanStatus.Finished).OrderBy(s => s.CreatedAt).Select(s => s.Id).ToListAsync(ct))
            await EnqueueAsync(id, id, again: false, ct);
    }

    /// <summary>A scan still "running" when claimed was cut off: its findings so far go and it starts over.</summary>
    protected override async Task MarkCutOffAsync(Guid scanId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Set<DiscoveryScan>().Where(s => s.Id == scanId && s.Status == ScanStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, ScanStatus.Queued).SetProperty(x => x.Done, 0).SetProperty(x => x.Found, 0), ct) == 0)
            return;
        await db.Set<ScanFinding>().Where(f => f.ScanId == scanId).ExecuteDeleteAsync(ct);
        logger.LogInformation("Discovery scan {ScanId} was cut off; running it again", scanId);
    }
}
