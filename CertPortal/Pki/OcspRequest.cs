namespace CertPortal.Pki;

/// <summary>A parsed OCSP request: the certificates asked about and, when the client sent one, its nonce extension value (RFC 8954).</summary>
public sealed record OcspRequest(IReadOnlyList<OcspCertId> CertIds, byte[]? Nonce);
