using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Pki;

/// <summary>
/// A full CRL (RFC 5280 §5) signed by the CA: thisUpdate now, nextUpdate when the caller will have made the next
/// one, the CRL number the caller keeps increasing, AKI, and each entry's serial, time and reason code.
/// </summary>
public sealed class CrlBuilder(TimeProvider clock)
{
    public PkiResult<SignedCrl> Build(X509Certificate2 ca, BigInteger number, TimeSpan validity, IEnumerable<RevokedCertificate> revoked)
    {
        if (!ca.HasPrivateKey)
            throw new ArgumentException($"{ca.Subject} has no private key to sign with.", nameof(ca));
        if (number.Sign < 0)
            return PkiResult<SignedCrl>.Refused("The CRL number cannot be negative.");
        var builder = new CertificateRevocationListBuilder();
        foreach (var entry in revoked)
        {
            var serial = SerialNumber.FromHex(entry.SerialHex);
            if (serial is null)
                return PkiResult<SignedCrl>.Refused($"'{entry.SerialHex}' is not a serial number in hex.");
            // removeFromCRL belongs to delta CRLs only (§5.3.1); in a full CRL the certificate is simply not listed.
            if (entry.Reason == RevocationReason.RemoveFromCrl)
                continue;
            // §5.3.1: the reason code SHOULD be absent rather than say unspecified.
            builder.AddEntry(serial, entry.RevokedAt, entry.Reason == RevocationReason.Unspecified ? null : entry.Reason.ToX509());
        }
        var thisUpdate = clock.GetUtcNow();
        var nextUpdate = thisUpdate + validity;
        using var key = PkiKeys.PrivateKeyOf(ca);
        var der = builder.Build(ca, number, nextUpdate, PkiKeys.SignatureHash(key), key is RSA ? RSASignaturePadding.Pkcs1 : null, thisUpdate);
        return PkiResult<SignedCrl>.Ok(new SignedCrl(der, number, thisUpdate, nextUpdate));
    }
}
