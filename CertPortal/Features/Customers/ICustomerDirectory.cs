using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Security;

namespace CertPortal.Features.Customers;

/// <summary>How other slices look customers up without touching the Customers table.</summary>
public interface ICustomerDirectory
{
    /// <summary>Any customer, for jobs and checks that act for nobody in particular.</summary>
    Task<CustomerRef?> FindAsync(Guid id, CancellationToken ct = default);

    /// <summary>The customer if <paramref name="actor"/> may see it; another customer's id is as unknown as a wrong one.</summary>
    Task<CustomerRef?> FindAsync(Guid id, Actor actor, CancellationToken ct = default);

    Task<IReadOnlyList<CustomerRef>> ListAsync(CancellationToken ct = default);

    /// <summary>The customers <paramref name="actor"/> may see, by name.</summary>
    Task<IReadOnlyList<CustomerRef>> ListAsync(Actor actor, CancellationToken ct = default);

    /// <summary>Every customer's name as a query on the caller's context, so another slice's list can order by customer.</summary>
    IQueryable<ObjectName> Names(AppDbContext db);
}
