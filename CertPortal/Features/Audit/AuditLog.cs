using CertPortal.Data;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Audit;

/// <summary>
/// Records what was done. Writes through its own DbContext so a failed change is still recorded, and never throws
/// into the use case that called it: losing an audit line is logged, not turned into a failed request.
/// </summary>
public sealed class AuditLog(
    IDbContextFactory<AppDbContext> dbFactory,
    ActorAccessor actors,
    TimeProvider clock,
    ILogger<AuditLog> logger)
{
    public const int MaxSummaryLength = 1000;

    public async Task RecordAsync(string action, string entityType, string? entityId, string summary,
        AuditOutcome outcome = AuditOutcome.Success, Guid? customerId = null, CancellationToken ct = default)
    {
        var actor = await actors.GetAsync();
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            Actor = actor.Name,
            ActorKind = actor.Kind,
            Ip = actor.Ip,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            CustomerId = customerId ?? actor.SingleCustomer,
            Outcome = outcome,
            Summary = summary.Length > MaxSummaryLength ? summary[..(MaxSummaryLength - 1)] + "…" : summary,
        };
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            db.Add(entry);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not record audit entry {Action} on {EntityType} {EntityId} by {Actor}", action, entityType, entityId, actor.Name);
        }
    }
}
