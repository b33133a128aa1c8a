using CertPortal.Data;
using CertPortal.Features.Customers;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Users.ApiTokens;

/// <summary>A customer with active API tokens limited to it cannot be deleted until they are revoked.</summary>
internal sealed class ApiTokenCustomerDependents(IDbContextFactory<AppDbContext> dbFactory) : ICustomerDependents
{
    public async Task<string?> DescribeAsync(Guid customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = await db.Set<ApiToken>().CountAsync(t => t.CustomerId == customerId && t.RevokedAt == null, ct);
        return count switch
        {
            0 => null,
            1 => "1 active API token",
            _ => $"{count} active API tokens",
        };
    }
}
