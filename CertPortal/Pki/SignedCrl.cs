namespace CertPortal.Pki;

/// <summary>A CRL as it is served (DER at <c>/crl</c>, PEM with <c>?format=pem</c>) with the times a caller schedules by.</summary>
public sealed record SignedCrl(byte[] Der, System.Numerics.BigInteger Number, DateTimeOffset ThisUpdate, DateTimeOffset NextUpdate)
{
    public string Pem => PemText.Encode(PemText.Crl, Der);
}
