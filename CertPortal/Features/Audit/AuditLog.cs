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
    public const int MaxSummaryLength = AuditEntry.SummaryLength;

    public async Task RecordAsync(string action, string entityType, string? entityId, string summary,
        AuditOutcome outcome = AuditOutcome.Success, Guid? customerId = null, CancellationToken ct = default)
    {
        var actor = await actors.GetAsync();
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            Actor = Fit(actor.Name, AuditEntry.ActorLength),
            ActorKind = actor.Kind,
            Ip = actor.Ip is null ? null : Fit(actor.Ip, AuditEntry.ShortLength),
            Action = Fit(action, AuditEntry.ShortLength),
            EntityType = Fit(entityType, AuditEntry.ShortLength),
            EntityId = entityId is null ? null : Fit(entityId, AuditEntry.ShortLength),
            CustomerId = customerId ?? actor.SingleCustomer,
            Outcome = outcome,
            Summary = Fit(summary, AuditEntry.SummaryLength),
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

    /// <summary>
    /// What was typed can be longer than a column or hold a NUL (refused input is recorded as it came): PostgreSQL
    /// enforces both where SQLite let them pass, and an audit line must not be lost over it.
    /// </summary>
    private static string Fit(string value, int length)
    {
        var clean = value.Replace('\0', '\uFFFD');
        return clean.Length > length ? clean[..(length - 1)] + "…" : clean;
    }
}
