namespace CertPortal.Features.Customers;

/// <summary>Where a customer's alerts go (its "Alert emails"), for the Notifications slice, without touching the Customers table.</summary>
public interface ICustomerAlertEmails
{
    /// <summary>
    /// The names and alert addresses of those of <paramref name="customerIds"/> that exist, in one look-up (a first scan
    /// raises alerts for hundreds of customers at once).
    /// </summary>
    Task<IReadOnlyDictionary<Guid, CustomerRecipients>> RecipientsAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken ct);
}
