using CertPortal.Data;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.CertificateAuthorities.Trust;

/// <summary>Reads a CA's certificate and stored CRL for <see cref="ICaTrustMaterial"/>.</summary>
internal sealed class CaTrustMaterialSource(IDbContextFactory<AppDbContext> dbFactory) : ICaTrustMaterial
{
    public async Task<CaTrustMaterial?> FindAsync(Guid caId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Material(db.Set<CertificateAuthority>().AsNoTracking().VisibleTo(actor, withShared: true).Where(c => c.Id == caId)).SingleOrDefaultAsync(ct);
    }

    public async Task<CaTrustMaterial?> GetAsync(Guid caId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Material(db.Set<CertificateAuthority>().AsNoTracking().Where(c => c.Id == caId)).SingleOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> caIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<CertificateAuthority>().AsNoTracking().Where(c => caIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
    }

    private static IQueryable<CaTrustMaterial> Material(IQueryable<CertificateAuthority> cas) =>
        cas.Select(c => new CaTrustMaterial(c.Id, c.CustomerId, c.Name, c.Subject, c.CertificatePem, c.ThumbprintSha256, c.CrlDer, c.CrlNumber));
}
