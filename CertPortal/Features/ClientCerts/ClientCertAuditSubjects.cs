using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.ClientCerts;

/// <summary>Names the ClientCertificate entries of the audit log, linking to their pages.</summary>
internal sealed class ClientCertAuditSubjects(IDbContextFactory<AppDbContext> dbFactory) : IAuditSubjects
{
    public string EntityType => "ClientCertificate";

    public async Task<IReadOnlyDictionary<string, AuditSubject>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Set<ClientCertificate>().AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, Name = e.CommonName }).ToListAsync(ct);
        return found.ToDictionary(e => e.Id.ToString(), e => new AuditSubject(e.Name, $"client-certs/{e.Id}"));
    }
}
