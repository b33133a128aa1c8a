using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.DnsProviders;

/// <summary>Names the DnsProvider entries of the audit log (DNS providers have no page of their own).</summary>
internal sealed class DnsProviderAuditSubjects(IDbContextFactory<AppDbContext> dbFactory) : IAuditSubjects
{
    public string EntityType => "DnsProvider";

    public async Task<IReadOnlyDictionary<string, AuditSubject>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Set<DnsProvider>().AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, Name = e.Name }).ToListAsync(ct);
        return found.ToDictionary(e => e.Id.ToString(), e => new AuditSubject(e.Name, null));
    }
}
