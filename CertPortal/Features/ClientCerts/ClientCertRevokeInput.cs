namespace CertPortal.Features.ClientCerts;

/// <summary>Why a client certificate is revoked: an RFC 5280 §5.3.1 reason name (<c>keyCompromise</c>, ...).</summary>
public sealed record ClientCertRevokeInput(string? Reason);
