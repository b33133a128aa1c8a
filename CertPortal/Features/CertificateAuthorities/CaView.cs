namespace CertPortal.Features.CertificateAuthorities;

/// <summary>
/// A CA as the API and pages show it; never its key. The URLs are those written into what it issues (under
/// <see cref="RevocationBaseUrl"/> when set); <see cref="RevocationUrls"/> names the same three by their role.
/// </summary>
public sealed record CaView(Guid Id, Guid? CustomerId, string Name, string Subject, string KeyType, Guid? ParentCaId, bool Imported,
    string SerialNumber, string ThumbprintSha256, DateTime NotBefore, DateTime NotAfter, string CertificatePem,
    long CrlNumber, DateTime? CrlNextUpdate, string CaCertificateUrl, string CrlUrl, string OcspUrl, DateTime CreatedAt,
    string? RevocationBaseUrl, CaRevocationUrls RevocationUrls);

/// <summary>
/// What a person sends to create a CA (the README's API section): a root when <see cref="ParentCaId"/> is empty, else an intermediate
/// signed by that CA. Name constraints (DNS subtrees) and the revocation base URL are optional.
/// </summary>
public sealed record CaInput(Guid? CustomerId, string? Name, string? Subject, string? KeyType, int? ValidityDays, Guid? ParentCaId = null,
    int? PathLength = null, List<string>? PermittedDnsNames = null, List<string>? ExcludedDnsNames = null, string? RevocationBaseUrl = null);

/// <summary>
/// PUT on a CA (the README's API section): its revocation base URL, as on create; null or empty writes the portal's
/// address again. Only certificates issued afterwards carry the change.
/// </summary>
public sealed record CaChange(string? RevocationBaseUrl);

/// <summary>How much a CA signed, how much is revoked, and the newest of it.</summary>
public sealed record CaActivity(int Issued, int Revoked, IReadOnlyList<Revocation.IssuedCertificateRow> Recent);
