using CertPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.CertificateAuthorities.Revocation;

/// <summary>The intermediates a CA signed are certificates it answers for too (good while they exist here).</summary>
internal sealed class IntermediateCertificates(IDbContextFactory<AppDbContext> dbFactory) : IIssuedCertificateSource
{
    public async Task<IReadOnlyList<IssuedCertificateState>> StatesAsync(Guid caId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<CertificateAuthority>().Where(c => c.ParentCaId == caId && !c.Imported)
            .Select(c => new IssuedCertificateState(c.SerialNumber, null, null)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<IssuedCertificateRow>> RecentAsync(Guid caId, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var children = await db.Set<CertificateAuthority>().Where(c => c.ParentCaId == caId).OrderByDescending(c => c.CreatedAt).Take(take).ToListAsync(ct);
        return children.Select(c => new IssuedCertificateRow(c.Name, "intermediate CA", c.SerialNumber, "valid", c.NotAfter, $"cas/{c.Id}")).ToList();
    }
}
