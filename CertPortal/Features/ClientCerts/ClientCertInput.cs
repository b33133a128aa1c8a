namespace CertPortal.Features.ClientCerts;

/// <summary>
/// What a person sends to issue a certificate (the README's API section). With <see cref="CsrPem"/> the CSR's key is certified and
/// <see cref="KeyType"/> is ignored; <see cref="CustomerId"/> is needed only when the CA is shared.
/// </summary>
public sealed record ClientCertInput(
    Guid? CaId,
    string? CommonName,
    string? Email = null,
    string? Organization = null,
    string? Usage = null,
    List<string>? SubjectAlternativeNames = null,
    string? KeyType = null,
    int? ValidityDays = null,
    string? CsrPem = null,
    Guid? CustomerId = null);
