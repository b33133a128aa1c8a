namespace CertPortal.Features.Certificates.Accounts;

/// <summary>An ACME account as the API and pages show it; the EAB HMAC key only as <c>"set"</c>.</summary>
public sealed record AcmeAccountView(Guid Id, Guid? CustomerId, string Name, string DirectoryUrl, string Email, string? EabKeyId,
    string? TrustedRootsPem, string? PreferredChain, string KeyAlgorithm, string AccountUrl, IReadOnlyDictionary<string, string> Secrets, DateTime CreatedAt);

/// <summary>
/// What a person sends to register an account: a <see cref="Preset"/> or a <see cref="DirectoryUrl"/>; the EAB HMAC key
/// (base64url, as CAs hand it out) either as <see cref="EabHmacKey"/> or in <see cref="Secrets"/>.
/// </summary>
public sealed record AcmeAccountInput(Guid? CustomerId, string? Name, string? DirectoryUrl, string? Email, string? EabKeyId = null,
    string? EabHmacKey = null, string? TrustedRootsPem = null, string? Preset = null, string? PreferredChain = null, string? KeyAlgorithm = null,
    Dictionary<string, string?>? Secrets = null)
{
    public string? HmacKey => string.IsNullOrWhiteSpace(EabHmacKey) ? Secrets?.GetValueOrDefault("eabHmacKey") : EabHmacKey;
}
