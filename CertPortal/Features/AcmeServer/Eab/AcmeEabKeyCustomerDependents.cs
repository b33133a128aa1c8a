using CertPortal.Data;
using CertPortal.Features.Customers;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.AcmeServer.Eab;

/// <summary>A customer with EAB keys is not deleted: its servers may still be registering with them; revoke or let the CA go first.</summary>
internal sealed class AcmeEabKeyCustomerDependents(IDbContextFactory<AppDbContext> dbFactory) : ICustomerDependents
{
    public async Task<string?> DescribeAsync(Guid customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = await db.Set<AcmeEabKey>().CountAsync(k => k.CustomerId == customerId, ct);
        return count switch { 0 => null, 1 => "1 ACME EAB key", _ => $"{count} ACME EAB keys" };
    }
}
