namespace CertPortal.Pki;

/// <summary>What the CA knows of one serial: issued and good, revoked (when and why), or not issued by it (unknown).</summary>
public readonly record struct OcspCertificateStatus(bool IsKnown, DateTimeOffset? RevokedAt, RevocationReason? Reason)
{
    public static readonly OcspCertificateStatus Good = new(true, null, null);

    public static readonly OcspCertificateStatus Unknown = new(false, null, null);

    public bool IsRevoked => RevokedAt.HasValue;

    public static OcspCertificateStatus Revoked(DateTimeOffset at, RevocationReason reason) => new(true, at, reason);
}
