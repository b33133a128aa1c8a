using CertPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates;

/// <summary>Reads certificate rows for reports and metrics straight from the table, so 10,000 certificates take one query per customer.</summary>
internal sealed class CertificateInventory(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock) : ICertificateInventory
{
    public async Task<IReadOnlyList<CertificateRow>> OfCustomerAsync(Guid customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificates = await db.Set<Certificate>().AsNoTracking().Where(c => c.CustomerId == customerId)
            .OrderBy(c => c.CommonName).ThenBy(c => c.Id).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return certificates.Select(c => new CertificateRow(c.Id, c.CustomerId, c.CommonName, c.AllNames().ToList(), c.Issuer, c.NotAfter,
            c.NotAfter is { } notAfter ? (int)Math.Floor((notAfter - now).TotalDays) : null, CertificateStatus.Shown(c.Status, c.NotAfter, now),
            c.KeyType, c.Source, c.AutoRenew, c.CurrentVersion)).ToList();
    }
}
