namespace CertPortal.Pki;

/// <summary>One revoked certificate as a CRL lists it: serial (hex, as <see cref="SerialNumber.ToHex"/> writes it), when and why.</summary>
public sealed record RevokedCertificate(string SerialHex, DateTimeOffset RevokedAt, RevocationReason Reason);
