namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>Which key a resource takes (RFC 8555 §6.2): newAccount a jwk, revokeCert either, everything else a kid.</summary>
public enum AcmeKeyRule
{
    Kid,
    Jwk,
    Either,
}
