namespace CertPortal.Features.Certificates;

/// <summary>What reports and metrics read of certificates: one row per certificate, without versions or keys.</summary>
public interface ICertificateInventory
{
    /// <summary>Every certificate of the customer, by common name.</summary>
    Task<IReadOnlyList<CertificateRow>> OfCustomerAsync(Guid customerId, CancellationToken ct);
}

/// <summary>
/// A certificate as an inventory lists it: the state of its current version, its status as people see it (a valid
/// certificate past its end is <c>expired</c>) and the days it has left.
/// </summary>
public sealed record CertificateRow(Guid Id, Guid CustomerId, string CommonName, IReadOnlyList<string> Names, string? Issuer, DateTime? NotAfter,
    int? DaysLeft, string Status, string KeyType, string Source, bool AutoRenew, int CurrentVersion);
