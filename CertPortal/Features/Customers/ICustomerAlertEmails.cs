namespace CertPortal.Features.Customers;

/// <summary>Where a customer's alerts go (its "Alert emails"), for the Notifications slice, without touching the Customers table.</summary>
public interface ICustomerAlertEmails
{
    /// <summary>The customer's alert addresses; empty when it has none or does not exist.</summary>
    Task<IReadOnlyList<string>> AlertEmailsAsync(Guid customerId, CancellationToken ct);
}
