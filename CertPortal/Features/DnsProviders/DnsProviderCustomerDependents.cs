using CertPortal.Data;
using CertPortal.Features.Customers;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.DnsProviders;

/// <summary>A customer with DNS providers cannot be deleted until they are removed.</summary>
internal sealed class DnsProviderCustomerDependents(IDbContextFactory<AppDbContext> dbFactory) : ICustomerDependents
{
    public async Task<string?> DescribeAsync(Guid customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = await db.Set<DnsProvider>().CountAsync(p => p.CustomerId == customerId, ct);
        return count switch { 0 => null, 1 => "1 DNS provider", _ => $"{count} DNS providers" };
    }
}
