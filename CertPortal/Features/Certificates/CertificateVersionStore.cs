using CertPortal.Security;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates;

/// <summary>Reads certificate versions for other slices; the key is unsealed only here and only for the caller's push.</summary>
internal sealed class CertificateVersionStore(IDbContextFactory<AppDbContext> dbFactory, SecretProtector protector) : ICertificateVersions
{
    public async Task<CertificateMaterial?> GetAsync(Guid certificateId, int? version, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificate = await db.Set<Certificate>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == certificateId, ct);
        if (certificate is null)
            return null;
        var number = version ?? certificate.CurrentVersion;
        var stored = await db.Set<CertificateVersion>().AsNoTracking().SingleOrDefaultAsync(v => v.CertificateId == certificateId && v.Version == number, ct);
        return stored is null ? null : new CertificateMaterial(certificateId, certificate.CustomerId, stored.Version, certificate.CommonName,
            certificate.AllNames().ToList(), stored.LeafPem, stored.ChainPem, protector.Unprotect(stored.SealedPrivateKey), stored.ThumbprintSha256, stored.NotAfter);
    }

    public async Task<OwnedCertificate?> FindAsync(Guid certificateId, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Certificate>().VisibleTo(actor).AsNoTracking().Where(c => c.Id == certificateId)
            .Select(c => new OwnedCertificate(c.Id, c.CustomerId, c.CommonName, c.CurrentVersion)).SingleOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyDictionary<Guid, CertificateHeadline>> HeadlinesAsync(IReadOnlyCollection<Guid> certificateIds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Certificate>().AsNoTracking().Where(c => certificateIds.Contains(c.Id))
            .Select(c => new CertificateHeadline(c.Id, c.CommonName, c.CurrentVersion)).ToDictionaryAsync(c => c.Id, ct);
    }

    public IQueryable<CertificateCurrentVersion> CurrentVersions(AppDbContext db) =>
        db.Set<Certificate>().AsNoTracking().Select(c => new CertificateCurrentVersion { Id = c.Id, CommonName = c.CommonName, Version = c.CurrentVersion, Since = c.NotBefore });

    public async Task<IReadOnlyDictionary<string, KnownCertificateVersion>> MatchAsync(Guid customerId, IReadOnlyCollection<string> thumbprints, CancellationToken ct)
    {
        if (thumbprints.Count == 0)
            return new Dictionary<string, KnownCertificateVersion>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var wanted = thumbprints.Select(t => t.ToLowerInvariant()).Distinct().ToList();
        var found = await (from v in db.Set<CertificateVersion>().AsNoTracking()
                           join c in db.Set<Certificate>().AsNoTracking() on v.CertificateId equals c.Id
                           where c.CustomerId == customerId && wanted.Contains(v.ThumbprintSha256)
                           select new { v.ThumbprintSha256, c.Id, c.CommonName, v.Version, c.CurrentVersion }).ToListAsync(ct);
        // A thumbprint held by two certificates (the same leaf imported twice): the newest version wins.
        return found.GroupBy(f => f.ThumbprintSha256).ToDictionary(g => g.Key, g => g.OrderByDescending(f => f.Version == f.CurrentVersion).Select(f =>
            new KnownCertificateVersion(f.Id, f.CommonName, f.Version, f.Version == f.CurrentVersion)).First());
    }
}
