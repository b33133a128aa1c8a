using CertPortal.Features.Certificates.Files;

namespace CertPortal.Features.Certificates;

/// <summary>What reports and metrics read of certificates: one row per certificate, without versions or keys.</summary>
public interface ICertificateInventory
{
    /// <summary>Every certificate of the customer (of every customer when null), by common name.</summary>
    Task<IReadOnlyList<CertificateRow>> RowsAsync(Guid? customerId, CancellationToken ct);

    /// <summary>
    /// The key facts of each issued certificate's current version (customer's, or every one when null), by certificate
    /// id. Versions stored before the facts were kept are read from their PEM once and then stored.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, CertificateKeyFacts>> KeyFactsAsync(Guid? customerId, CancellationToken ct);

    /// <summary>Certificates per customer and shown status, with the group's nearest end, in one grouped query (for metrics).</summary>
    Task<IReadOnlyList<CertificateStatusCount>> StatusCountsAsync(CancellationToken ct);
}

/// <summary>How many certificates of a customer have a status, and when the first of them ends.</summary>
public sealed record CertificateStatusCount(Guid CustomerId, string Status, int Count, DateTime? NearestNotAfter);

/// <summary>
/// A certificate as an inventory lists it: the state of its current version, its status as people see it (a valid
/// certificate past its end is <c>expired</c>) and the days it has left.
/// </summary>
public sealed record CertificateRow(Guid Id, Guid CustomerId, string CommonName, IReadOnlyList<string> Names, string? Issuer, DateTime? NotAfter,
    int? DaysLeft, string Status, string KeyType, string Source, bool AutoRenew, int CurrentVersion);
