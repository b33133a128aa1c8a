using CertPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Notifications;

/// <summary>
/// Keeps the notification log from growing without end: sends that ended (sent or failed for good) longer ago than
/// <c>CertPortal:Notifications:KeepNotificationsDays</c> (default 365) are deleted by the alert scan's housekeeping.
/// A send still pending is never deleted, however old.
/// </summary>
public sealed class NotificationRetention(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<int> PruneAsync(int keepDays, CancellationToken ct)
    {
        var before = clock.GetUtcNow().UtcDateTime.AddDays(-keepDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Notification>().Where(n => n.At < before && n.Outcome != NotificationOutcomes.Pending).ExecuteDeleteAsync(ct);
    }
}
