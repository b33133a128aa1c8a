namespace CertPortal.Features.Certificates.Planning;

/// <summary>
/// A renewal on the calendar. <see cref="Projected"/>: one after the next renewal, assumed at the same cadence;
/// <see cref="Exempt"/>: counts against no limit of its CA; <see cref="PlannedAt"/>: the time before it was moved earlier.
/// </summary>
public sealed record PlannedRenewal(
    Guid CertificateId,
    string CommonName,
    Guid CustomerId,
    Guid AcmeAccountId,
    string Account,
    DateTime At,
    bool Ari,
    bool Exempt,
    bool Projected,
    bool MovedEarlier,
    DateTime? PlannedAt,
    string? Reason);
