using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Pki;

/// <summary>
/// A full CRL (RFC 5280 §5) signed by the CA: thisUpdate now, nextUpdate when the caller will have made the next
/// one, the CRL number the caller keeps increasing, AKI, and each entry's serial, time and reason code.
/// Encoded here rather than with .NET's CertificateRevocationListBuilder, which took 25 s for 100,000 entries: an
/// AsnWriter grows its buffer 1 KiB at a time, so the writers here are sized up front.
/// </summary>
public sealed class CrlBuilder(TimeProvider clock)
{
    private const string CrlNumberOid = "2.5.29.20";
    private const string ReasonCodeOid = "2.5.29.21";
    private const string AuthorityKeyIdentifierOid = "2.5.29.35";

    // An entry is at most ~50 octets: a 17-octet serial, a time and a reason code, each with its headers.
    private const int BytesPerEntry = 56;

    public PkiResult<SignedCrl> Build(X509Certificate2 ca, BigInteger number, TimeSpan validity, IEnumerable<RevokedCertificate> revoked)
    {
        if (!ca.HasPrivateKey)
            throw new ArgumentException($"{ca.Subject} has no private key to sign with.", nameof(ca));
        if (number.Sign < 0)
            return PkiResult<SignedCrl>.Refused("The CRL number cannot be negative.");
        if (ca.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.CrlSign))
            return PkiResult<SignedCrl>.Refused($"{ca.Subject} may not sign CRLs: its key usage lacks cRLSign.");
        var now = clock.GetUtcNow();
        var thisUpdate = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var nextUpdate = thisUpdate + validity;
        using var key = PkiKeys.PrivateKeyOf(ca);
        var hash = PkiKeys.SignatureHash(key);
        var generator = key is RSA rsa ? X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1) : X509SignatureGenerator.CreateForECDsa((ECDsa)key);
        var algorithm = generator.GetSignatureAlgorithmIdentifier(hash);

        var entries = revoked as IReadOnlyCollection<RevokedCertificate> ?? revoked.ToList();
        var tbs = new AsnWriter(AsnEncodingRules.DER, initialCapacity: 2048 + entries.Count * BytesPerEntry);
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(1); // v2: extensions follow
            tbs.WriteEncodedValue(algorithm);
            tbs.WriteEncodedValue(ca.SubjectName.RawData);
            WriteTime(tbs, thisUpdate);
            WriteTime(tbs, nextUpdate);
            var refusal = WriteEntries(tbs, entries);
            if (refusal is not null)
                return PkiResult<SignedCrl>.Refused(refusal);
            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (tbs.PushSequence())
            {
                WriteExtension(tbs, AuthorityKeyIdentifierOid, AuthorityKeyIdentifier(ca));
                var crlNumber = new AsnWriter(AsnEncodingRules.DER);
                crlNumber.WriteInteger(number);
                WriteExtension(tbs, CrlNumberOid, crlNumber.Encode());
            }
        }
        var tbsDer = tbs.Encode();
        var crl = new AsnWriter(AsnEncodingRules.DER, initialCapacity: tbsDer.Length + 1024);
        using (crl.PushSequence())
        {
            crl.WriteEncodedValue(tbsDer);
            crl.WriteEncodedValue(algorithm);
            crl.WriteBitString(generator.SignData(tbsDer, hash));
        }
        return PkiResult<SignedCrl>.Ok(new SignedCrl(crl.Encode(), number, thisUpdate, nextUpdate));
    }

    private static string? WriteEntries(AsnWriter tbs, IReadOnlyCollection<RevokedCertificate> revoked)
    {
        // An empty list is left out entirely: SEQUENCE OF here has SIZE (1..MAX) in practice (§5.1.2.6).
        var entries = new AsnWriter(AsnEncodingRules.DER, initialCapacity: 16 + revoked.Count * BytesPerEntry);
        var any = false;
        using (entries.PushSequence())
        {
            foreach (var entry in revoked)
            {
                var serial = SerialNumber.FromHex(entry.SerialHex);
                if (serial is null)
                    return $"'{entry.SerialHex}' is not a serial number in hex.";
                // removeFromCRL belongs to delta CRLs only (§5.3.1); in a full CRL the certificate is simply not listed.
                if (entry.Reason == RevocationReason.RemoveFromCrl)
                    continue;
                any = true;
                using (entries.PushSequence())
                {
                    entries.WriteIntegerUnsigned(serial);
                    WriteTime(entries, entry.RevokedAt);
                    // §5.3.1: the reason code SHOULD be absent rather than say unspecified.
                    if (entry.Reason != RevocationReason.Unspecified)
                        using (entries.PushSequence())
                            WriteExtension(entries, ReasonCodeOid, ReasonCode(entry.Reason));
                }
            }
        }
        if (any)
            tbs.WriteEncodedValue(entries.Encode());
        return null;
    }

    private static byte[] ReasonCode(RevocationReason reason) => [0x0a, 0x01, (byte)reason.Code];

    private static void WriteExtension(AsnWriter writer, string oid, byte[] value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            writer.WriteOctetString(value);
        }
    }

    /// <summary>§5.1.2.4: UTCTime through 2049, GeneralizedTime from 2050, whole seconds in UTC.</summary>
    private static void WriteTime(AsnWriter writer, DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        utc = utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
        if (utc.Year < 2050)
            writer.WriteUtcTime(utc);
        else
            writer.WriteGeneralizedTime(utc, omitFractionalSeconds: true);
    }

    /// <summary>The CA's subject key identifier, or the RFC 5280 §4.2.1.2 SHA-1 one for an imported CA without it.</summary>
    private static byte[] AuthorityKeyIdentifier(X509Certificate2 ca)
    {
        var keyId = ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifierBytes.ToArray()
            ?? new X509SubjectKeyIdentifierExtension(ca.PublicKey, critical: false).SubjectKeyIdentifierBytes.ToArray();
        return X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(keyId).RawData;
    }
}
