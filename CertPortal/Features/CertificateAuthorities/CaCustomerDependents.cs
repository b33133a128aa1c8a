using CertPortal.Data;
using CertPortal.Features.Customers;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.CertificateAuthorities;

/// <summary>A customer with its own CAs cannot be deleted until they are removed.</summary>
internal sealed class CaCustomerDependents(IDbContextFactory<AppDbContext> dbFactory) : ICustomerDependents
{
    public async Task<string?> DescribeAsync(Guid customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = await db.Set<CertificateAuthority>().CountAsync(c => c.CustomerId == customerId, ct);
        return count switch { 0 => null, 1 => "1 CA", _ => $"{count} CAs" };
    }
}
