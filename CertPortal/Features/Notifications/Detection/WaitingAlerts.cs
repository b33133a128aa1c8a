using CertPortal.Data;
using CertPortal.Features.Dashboard.Attention;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Notifications.Detection;

/// <summary>
/// Deployments waiting for a technician longer than the rules allow: once per wait. A wait that ended (done,
/// finished, or the binding removed) is closed here too, so the next wait is told again.
/// </summary>
public sealed class WaitingAlerts(IDbContextFactory<AppDbContext> dbFactory, AlertLedger ledger, AlertComposer compose, TimeProvider clock, ILogger<WaitingAlerts> logger)
{
    public async Task RaiseAsync(IReadOnlyList<AttentionItem> worklist, int waitingHours, Guid? customerId, AlertTally tally, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var waiting = worklist.Where(i => i.Kind == AttentionKinds.DeploymentWaiting).DistinctBy(i => i.ObjectId).ToList();
        var waitingKeys = waiting.Select(i => AlertKeys.Waiting(i.ObjectId)).ToHashSet();
        List<AlertState> open;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var query = db.Set<AlertState>().Where(s => s.Kind == AlertKinds.DeploymentWaiting && s.ResolvedAt == null);
            if (customerId is { } only)
                query = query.Where(s => s.CustomerId == only);
            open = await query.AsNoTracking().ToListAsync(ct);
        }
        var ended = open.Where(s => !waitingKeys.Contains(s.Key)).Select(s => s.Key).ToList();
        if (ended.Count > 0)
            await ledger.ResolveAsync(ended, null, ct);

        var told = open.Select(s => s.Key).ToHashSet();
        foreach (var item in waiting.Where(i => now - i.Since >= TimeSpan.FromHours(waitingHours)))
        {
            var key = AlertKeys.Waiting(item.ObjectId);
            if (told.Contains(key))
                continue;
            try
            {
                tally.Add(await ledger.OpenAsync(key, compose.Waiting(item, waitingHours), ct));
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not raise the waiting alert of deployment {DeploymentId} (CustomerId {CustomerId}); the next scan tries again", item.ObjectId, item.CustomerId);
            }
        }
    }
}
