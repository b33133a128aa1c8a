using System.Linq.Expressions;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Audit;

/// <summary>
/// The <see cref="IAuditSubjects"/> of an entity type whose rows carry their own name: one query projecting each row
/// to <paramref name="row"/>, each found object linked to <paramref name="url"/> of its id (null: it has no page).
/// </summary>
public abstract class NamedAuditSubjects<T>(IDbContextFactory<AppDbContext> dbFactory, string entityType, Expression<Func<T, AuditSubjectRow>> row,
    Func<Guid, string?> url) : IAuditSubjects where T : class
{
    public string EntityType => entityType;

    public async Task<IReadOnlyDictionary<string, AuditSubject>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Set<T>().AsNoTracking().Select(row).Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        return found.ToDictionary(r => r.Id.ToString(), r => new AuditSubject(r.Name, url(r.Id)));
    }
}
