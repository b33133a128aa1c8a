namespace CertPortal.Features.ClientCerts;

/// <summary>A client certificate as the API and pages show it (the README's API section). Never its key.</summary>
public sealed record ClientCertView(
    Guid Id,
    Guid CustomerId,
    Guid CaId,
    string CommonName,
    string? Email,
    string? Organization,
    string Usage,
    IReadOnlyList<string> SubjectAlternativeNames,
    string KeyType,
    string Subject,
    string SerialNumber,
    string Status,
    DateTime NotBefore,
    DateTime NotAfter,
    int DaysLeft,
    string ThumbprintSha256,
    bool HasPrivateKey,
    DateTime? RevokedAt,
    string? RevocationReason,
    Guid? RenewedFromId,
    DateTime CreatedAt);
