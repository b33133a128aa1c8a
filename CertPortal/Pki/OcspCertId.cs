namespace CertPortal.Pki;

/// <summary>
/// A CertID of an OCSP request (RFC 6960 §4.1.1): which certificate is asked about, named by hashes of its issuer's
/// name and key and its serial. <see cref="Encoded"/> is the DER as sent, echoed verbatim in the answer.
/// </summary>
public sealed record OcspCertId(string HashAlgorithmOid, byte[] IssuerNameHash, byte[] IssuerKeyHash, byte[] SerialNumber, byte[] Encoded)
{
    public string SerialHex => Pki.SerialNumber.ToHex(SerialNumber);
}
