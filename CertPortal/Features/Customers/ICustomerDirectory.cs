namespace CertPortal.Features.Customers;

/// <summary>How other slices look customers up without touching the Customers table.</summary>
public interface ICustomerDirectory
{
    Task<CustomerRef?> FindAsync(Guid id, CancellationToken ct = default);

    Task<IReadOnlyList<CustomerRef>> ListAsync(CancellationToken ct = default);
}
