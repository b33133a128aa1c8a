using System.Text.Json.Serialization;

namespace CertPortal.Acme;

/// <summary>
/// An ACME server's directory (RFC 8555 §7.1.1), plus ARI's renewalInfo (RFC 9773) where offered, and the profiles of
/// draft-ietf-acme-profiles in its meta (profile name → a description for people).
/// </summary>
public sealed record AcmeDirectory(
    Uri NewNonce,
    Uri NewAccount,
    Uri NewOrder,
    Uri RevokeCert,
    Uri? KeyChange,
    Uri? RenewalInfo,
    AcmeDirectoryMeta? Meta);

public sealed record AcmeDirectoryMeta(
    [property: JsonPropertyName("termsOfService")] string? TermsOfService,
    [property: JsonPropertyName("website")] string? Website,
    [property: JsonPropertyName("externalAccountRequired")] bool ExternalAccountRequired,
    [property: JsonPropertyName("profiles")] IReadOnlyDictionary<string, string>? Profiles = null);
