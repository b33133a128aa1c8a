using CertPortal.Data;
using CertPortal.Features.Customers;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Targets;

/// <summary>A customer with targets cannot be deleted until they are removed.</summary>
internal sealed class TargetCustomerDependents(IDbContextFactory<AppDbContext> dbFactory) : ICustomerDependents
{
    public async Task<string?> DescribeAsync(Guid customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = await db.Set<Target>().CountAsync(t => t.CustomerId == customerId, ct);
        return count switch { 0 => null, 1 => "1 target", _ => $"{count} targets" };
    }
}
