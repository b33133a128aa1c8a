using CertPortal.Common;
using CertPortal.Features.Customers;
using CertPortal.Security;

namespace CertPortal.Features.Dashboard.Reports;

/// <summary>Which customers a report covers: the one asked for (if the actor may see it), else every customer the actor sees.</summary>
public sealed class ReportScope(ICustomerDirectory customers)
{
    public async Task<Result<IReadOnlyList<CustomerRef>>> CustomersAsync(Guid? customerId, Actor actor, CancellationToken ct)
    {
        if (customerId is null)
            return Result<IReadOnlyList<CustomerRef>>.Ok(await customers.ListAsync(actor, ct));
        // Another customer's id looks exactly like an unknown one.
        return await customers.FindAsync(customerId.Value, actor, ct) is { } customer
            ? Result<IReadOnlyList<CustomerRef>>.Ok([customer])
            : Result<IReadOnlyList<CustomerRef>>.NotFound("No such customer.");
    }
}
