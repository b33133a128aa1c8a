using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Targets;

/// <summary>Names the Target entries of the audit log (targets have no page of their own).</summary>
internal sealed class TargetAuditSubjects(IDbContextFactory<AppDbContext> dbFactory) : IAuditSubjects
{
    public string EntityType => "Target";

    public async Task<IReadOnlyDictionary<string, AuditSubject>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Set<Target>().AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, Name = e.Name }).ToListAsync(ct);
        return found.ToDictionary(e => e.Id.ToString(), e => new AuditSubject(e.Name, null));
    }
}
