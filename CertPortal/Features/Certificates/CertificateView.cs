using CertPortal.Common.Runs;

namespace CertPortal.Features.Certificates;

/// <summary>A certificate as the API and pages show it (the README's API section), with its versions. No key material.</summary>
public sealed record CertificateView(
    Guid Id,
    Guid CustomerId,
    string CommonName,
    IReadOnlyList<string> SubjectAlternativeNames,
    string Status,
    DateTime? NotBefore,
    DateTime? NotAfter,
    int? DaysLeft,
    string? SerialNumber,
    string? ThumbprintSha256,
    string? Issuer,
    bool AutoRenew,
    DateTime? RenewAfter,
    string? LastError,
    IReadOnlyList<CertificateVersionView> Versions,
    string Source,
    Guid? AcmeAccountId,
    Guid? DnsProviderId,
    string ChallengeType,
    string KeyType,
    int CurrentVersion,
    DateTime? NextAttemptAt,
    DateTime? RevokedAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string? Profile = null);

public sealed record CertificateVersionView(int Version, string SerialNumber, DateTime NotBefore, DateTime NotAfter, DateTime CreatedAt,
    string ThumbprintSha256, string Issuer);

/// <summary>
/// A request for a new certificate (the README's API section); <see cref="ChallengeType"/> defaults to dns-01,
/// <see cref="Profile"/> to the CA's default profile.
/// </summary>
public sealed record CertificateRequestInput(Guid? CustomerId, string? CommonName, List<string>? SubjectAlternativeNames, Guid? AcmeAccountId,
    Guid? DnsProviderId, string? KeyType, bool? AutoRenew, string? ChallengeType = null, string? Profile = null);

/// <summary>Why a certificate is revoked: an RFC 5280 reason name.</summary>
public sealed record RevokeRequest(string? Reason);

/// <summary>One run of an order as the detail page and <c>/certificates/{id}/runs</c> show it.</summary>
public sealed record IssuanceRunView(Guid RunId, string Kind, string Status, DateTime StartedAt, DateTime? FinishedAt, string? Error,
    IReadOnlyList<RunStep> Steps);

/// <summary>One certificate of a chain as the detail page lists it.</summary>
public sealed record ChainEntryView(string Subject, string Issuer, DateTime NotAfter, string ThumbprintSha256);
