using CertPortal.Data;
using CertPortal.Features.CertificateAuthorities.Revocation;
using CertPortal.Pki;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.ClientCerts;

/// <summary>Tells the CA slice every client certificate a CA signed and which are revoked: its CRL and OCSP answers come from here.</summary>
internal sealed class IssuedClientCertificates(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock) : IIssuedCertificateSource
{
    public async Task<IReadOnlyList<IssuedCertificateState>> StatesAsync(Guid caId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Set<ClientCertificate>().AsNoTracking().Where(c => c.CaId == caId)
            .Select(c => new { c.SerialNumber, c.RevokedAt, c.RevocationReason }).ToListAsync(ct);
        return rows.Select(r => new IssuedCertificateState(r.SerialNumber,
            r.RevokedAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null,
            r.RevocationReason is null ? null : RevocationReason.Parse(r.RevocationReason).Value)).ToList();
    }

    public async Task<IReadOnlyList<IssuedCertificateRow>> RecentAsync(Guid caId, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recent = await db.Set<ClientCertificate>().AsNoTracking().Where(c => c.CaId == caId).OrderByDescending(c => c.CreatedAt).Take(take).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return recent.Select(c => new IssuedCertificateRow(c.CommonName, $"{c.Usage} certificate", c.SerialNumber, ClientCertStatus.Of(c, now), c.NotAfter, $"client-certs/{c.Id}")).ToList();
    }
}
