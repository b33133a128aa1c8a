using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Features.Certificates.Files;

/// <summary>
/// What a certificate really carries, read from the certificate itself (not from what was asked for): its key's
/// algorithm and size, and the algorithm its issuer signed it with, named as OpenSSL names them. Read from the DER
/// with an ASN.1 reader, so thousands of stored certificates are read in well under a second.
/// </summary>
public sealed record CertificateKeyFacts(string KeyAlgorithm, int KeySize, string SignatureAlgorithm)
{
    public const string Rsa = "rsa";
    public const string Ec = "ec";

    /// <summary>Facts that could not be read (a stored certificate that no longer parses).</summary>
    public static readonly CertificateKeyFacts Unknown = new("unknown", 0, "unknown");

    private static readonly Dictionary<string, string> SignatureNames = new()
    {
        ["1.2.840.113549.1.1.4"] = "md5WithRSAEncryption",
        ["1.2.840.113549.1.1.5"] = "sha1WithRSAEncryption",
        ["1.2.840.113549.1.1.10"] = "rsassaPss",
        ["1.2.840.113549.1.1.11"] = "sha256WithRSAEncryption",
        ["1.2.840.113549.1.1.12"] = "sha384WithRSAEncryption",
        ["1.2.840.113549.1.1.13"] = "sha512WithRSAEncryption",
        ["1.2.840.113549.1.1.14"] = "sha224WithRSAEncryption",
        ["1.2.840.10045.4.1"] = "ecdsa-with-SHA1",
        ["1.2.840.10045.4.3.1"] = "ecdsa-with-SHA224",
        ["1.2.840.10045.4.3.2"] = "ecdsa-with-SHA256",
        ["1.2.840.10045.4.3.3"] = "ecdsa-with-SHA384",
        ["1.2.840.10045.4.3.4"] = "ecdsa-with-SHA512",
        ["1.2.840.10040.4.3"] = "dsa-with-SHA1",
        ["1.3.101.112"] = "ED25519",
        ["1.3.101.113"] = "ED448",
    };

    private static readonly Dictionary<string, int> CurveBits = new()
    {
        ["1.2.840.10045.3.1.1"] = 192, ["1.3.132.0.33"] = 224, ["1.2.840.10045.3.1.7"] = 256, ["1.3.132.0.34"] = 384, ["1.3.132.0.35"] = 521,
    };

    /// <summary>How a list shows the key, e.g. "RSA 2048" or "EC P-256".</summary>
    public string KeyLabel => KeyAlgorithm switch
    {
        Rsa => $"RSA {KeySize}",
        Ec => $"EC P-{KeySize}",
        _ => KeySize > 0 ? $"{KeyAlgorithm.ToUpperInvariant()} {KeySize}" : KeyAlgorithm.ToUpperInvariant(),
    };

    public static CertificateKeyFacts Of(X509Certificate2 certificate) => FromDer(certificate.RawData);

    /// <summary>The facts of the first certificate in <paramref name="pem"/>.</summary>
    /// <exception cref="CryptographicException">No certificate, or one that is not DER as RFC 5280 says.</exception>
    public static CertificateKeyFacts FromPem(string pem)
    {
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] != "CERTIFICATE")
            throw new CryptographicException("No PEM certificate found.");
        return FromDer(Convert.FromBase64String(pem[fields.Base64Data].ToString()));
    }

    /// <summary>RFC 5280 §4.1: Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }.</summary>
    public static CertificateKeyFacts FromDer(byte[] der)
    {
        try
        {
            var certificate = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var tbs = certificate.ReadSequence();
            var signature = certificate.ReadSequence().ReadObjectIdentifier();
            if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
                tbs.ReadEncodedValue(); // version
            for (var skip = 0; skip < 5; skip++)
                tbs.ReadEncodedValue(); // serialNumber, signature, issuer, validity, subject
            var publicKeyInfo = tbs.ReadSequence();
            var algorithm = publicKeyInfo.ReadSequence();
            var keyOid = algorithm.ReadObjectIdentifier();
            var parameter = algorithm.HasData && algorithm.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier) ? algorithm.ReadObjectIdentifier() : null;
            var key = publicKeyInfo.ReadBitString(out _);
            var (name, bits) = keyOid switch
            {
                "1.2.840.113549.1.1.1" => (Rsa, RsaModulusBits(key)),
                "1.2.840.10045.2.1" => (Ec, parameter is not null && CurveBits.TryGetValue(parameter, out var curve) ? curve : (key.Length - 1) / 2 * 8),
                "1.3.101.112" => ("ed25519", 256),
                "1.3.101.113" => ("ed448", 448),
                _ => (keyOid, 0),
            };
            return new CertificateKeyFacts(name, bits, SignatureNames.GetValueOrDefault(signature, signature));
        }
        catch (AsnContentException e)
        {
            throw new CryptographicException($"The certificate is not valid DER: {e.Message}", e);
        }
    }

    /// <summary>RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }: the modulus's bit length.</summary>
    private static int RsaModulusBits(byte[] rsaPublicKey)
    {
        var modulus = new AsnReader(rsaPublicKey, AsnEncodingRules.DER).ReadSequence().ReadIntegerBytes().Span;
        while (modulus.Length > 0 && modulus[0] == 0)
            modulus = modulus[1..];
        return modulus.Length == 0 ? 0 : (modulus.Length - 1) * 8 + 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[0]);
    }
}
