using CertPortal.Data;
using CertPortal.Features.Customers;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Users;

/// <summary>A customer that people are limited to cannot be deleted until their customers are changed.</summary>
internal sealed class UserCustomerDependents(IDbContextFactory<AppDbContext> dbFactory) : ICustomerDependents
{
    public async Task<string?> DescribeAsync(Guid customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = await db.Users.CountAsync(u => u.CustomerIds.Contains(customerId), ct);
        return count switch
        {
            0 => null,
            1 => "1 person limited to it",
            _ => $"{count} people limited to it",
        };
    }
}
