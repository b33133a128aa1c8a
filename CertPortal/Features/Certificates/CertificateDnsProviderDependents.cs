using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.DnsProviders;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates;

/// <summary>A DNS provider that certificates renew through is not deleted until they use another one (revoked ones do not count).</summary>
internal sealed class CertificateDnsProviderDependents(IDbContextFactory<AppDbContext> dbFactory) : IDnsProviderDependents
{
    public async Task<string?> DescribeAsync(Guid providerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = db.Set<Certificate>().Where(c => c.DnsProviderId == providerId && c.Status != CertificateStatus.Revoked);
        var total = await users.CountAsync(ct);
        if (total == 0)
            return null;
        var names = await users.OrderBy(c => c.CommonName).Select(c => c.CommonName).Take(DependentNames.Shown).ToListAsync(ct);
        return DependentNames.Describe("certificate", "certificates", names, total);
    }
}
