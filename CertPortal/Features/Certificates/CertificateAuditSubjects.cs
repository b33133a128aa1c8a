using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates;

/// <summary>Names the Certificate entries of the audit log, linking to their pages.</summary>
internal sealed class CertificateAuditSubjects(IDbContextFactory<AppDbContext> dbFactory) : IAuditSubjects
{
    public string EntityType => "Certificate";

    public async Task<IReadOnlyDictionary<string, AuditSubject>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Set<Certificate>().AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, Name = e.CommonName }).ToListAsync(ct);
        return found.ToDictionary(e => e.Id.ToString(), e => new AuditSubject(e.Name, $"certificates/{e.Id}"));
    }
}
