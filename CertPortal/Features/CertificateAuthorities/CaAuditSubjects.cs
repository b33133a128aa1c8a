using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.CertificateAuthorities;

/// <summary>Names the CertificateAuthority entries of the audit log, linking to their pages.</summary>
internal sealed class CaAuditSubjects(IDbContextFactory<AppDbContext> dbFactory) : IAuditSubjects
{
    public string EntityType => "CertificateAuthority";

    public async Task<IReadOnlyDictionary<string, AuditSubject>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Set<CertificateAuthority>().AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, Name = e.Name }).ToListAsync(ct);
        return found.ToDictionary(e => e.Id.ToString(), e => new AuditSubject(e.Name, $"cas/{e.Id}"));
    }
}
