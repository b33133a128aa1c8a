using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Audit;

/// <summary>Searches the audit log, newest first unless sorted otherwise; a customer-scoped actor sees only its customer's entries, each with its object's name.</summary>
public sealed class AuditQuery(IDbContextFactory<AppDbContext> dbFactory, AuditSubjectNames names)
{
    public async Task<PagedList<AuditEntryView>> SearchAsync(AuditFilter filter, Paging paging, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<AuditEntry>().AsNoTracking();
        query = query.VisibleTo(actor, withShared: false);
        if (filter.CustomerId is { } customer)
            query = query.Where(e => e.CustomerId == customer);
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = TextSearch.Term(filter.User);
            query = query.Where(e => e.Actor.ToLower().Contains(user));
        }
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
            query = query.Where(e => e.EntityType == filter.EntityType.Trim());
        if (!string.IsNullOrWhiteSpace(filter.EntityId))
            query = query.Where(e => e.EntityId == filter.EntityId.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Action))
            query = query.Where(e => e.Action.StartsWith(filter.Action.Trim()));
        if (filter.From is { } from)
            query = query.Where(e => e.At >= from);
        if (filter.To is { } to)
            query = query.Where(e => e.At < to);

        var total = await query.CountAsync(ct);
        var items = await AuditSort.Apply(query, filter.Sort ?? AuditSort.Default)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(e => new AuditEntryView(e.At, e.Actor, e.Ip, e.Action, e.EntityType, e.EntityId, e.Outcome, e.Summary))
            .ToListAsync(ct);
        return new PagedList<AuditEntryView>(await names.NameAsync(items, ct), total);
    }

    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<AuditEntry>().Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
    }
}
