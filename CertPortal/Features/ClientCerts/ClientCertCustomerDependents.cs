using CertPortal.Data;
using CertPortal.Features.Customers;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.ClientCerts;

/// <summary>A customer with client certificates is not deleted: their serials must stay answerable on the CA's CRL and OCSP.</summary>
internal sealed class ClientCertCustomerDependents(IDbContextFactory<AppDbContext> dbFactory) : ICustomerDependents
{
    public async Task<string?> DescribeAsync(Guid customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = await db.Set<ClientCertificate>().CountAsync(c => c.CustomerId == customerId, ct);
        return count switch { 0 => null, 1 => "1 client certificate", _ => $"{count} client certificates" };
    }
}
