using CertPortal.Data;
using CertPortal.Features.Certificates.Accounts;
using CertPortal.Features.Customers;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates;

/// <summary>A customer with certificates or its own ACME accounts cannot be deleted until they are removed.</summary>
internal sealed class CertificateCustomerDependents(IDbContextFactory<AppDbContext> dbFactory) : ICustomerDependents
{
    public async Task<string?> DescribeAsync(Guid customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificates = await db.Set<Certificate>().CountAsync(c => c.CustomerId == customerId, ct);
        var accounts = await db.Set<AcmeRegistration>().CountAsync(a => a.CustomerId == customerId, ct);
        var parts = new List<string>();
        if (certificates > 0)
            parts.Add(certificates == 1 ? "1 certificate" : $"{certificates} certificates");
        if (accounts > 0)
            parts.Add(accounts == 1 ? "1 ACME account" : $"{accounts} ACME accounts");
        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }
}
