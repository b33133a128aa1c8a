namespace CertPortal.Features.Customers;

/// <summary>
/// Implemented by every slice whose things belong to a customer, so a customer is not deleted out from under them.
/// Answers e.g. "3 certificates", or null when nothing of that slice belongs to the customer.
/// </summary>
public interface ICustomerDependents
{
    Task<string?> DescribeAsync(Guid customerId, CancellationToken ct);
}
