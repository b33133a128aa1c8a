using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Pki;

/// <summary>The extensions <see cref="CertificateIssuer"/> writes, one place per RFC 5280 section.</summary>
internal static class CertificateExtensions
{
    /// <summary>§4.2.1.9: critical; a CA may limit how many CAs follow it.</summary>
    public static X509Extension BasicConstraints(bool ca, int? pathLength) =>
        new X509BasicConstraintsExtension(ca, pathLength.HasValue, pathLength ?? 0, critical: true);

    /// <summary>§4.2.1.3: a CA signs certificates and CRLs; a leaf signs, and only RSA keys encrypt a key to it.</summary>
    public static X509Extension KeyUsage(bool ca, bool rsa, bool ecdhForEmail = false)
    {
        var flags = ca
            ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign
            : X509KeyUsageFlags.DigitalSignature
              | (rsa ? X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.None)
              // S/MIME encryption to an EC key is ECDH key agreement (RFC 5753), never key encipherment.
              | (ecdhForEmail ? X509KeyUsageFlags.KeyAgreement : X509KeyUsageFlags.None);
        return new X509KeyUsageExtension(flags, critical: true);
    }

    public static X509Extension ExtendedKeyUsage(IEnumerable<string> oids)
    {
        var collection = new System.Security.Cryptography.OidCollection();
        foreach (var oid in oids)
            collection.Add(new System.Security.Cryptography.Oid(oid));
        return new X509EnhancedKeyUsageExtension(collection, critical: false);
    }

    public static X509Extension SubjectKeyIdentifier(PublicKey key) => new X509SubjectKeyIdentifierExtension(key, critical: false);

    public static X509Extension AuthorityKeyIdentifier(X509Certificate2 issuer) =>
        X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false);

    /// <summary>AIA (§4.2.2.1) and CDP (§4.2.1.13) from the issuing CA's URLs, each only when it has some.</summary>
    public static IEnumerable<X509Extension> RevocationPointers(RevocationUrls urls)
    {
        if (urls.OcspUrl is not null || urls.CaIssuersUrl is not null)
            yield return new X509AuthorityInformationAccessExtension(
                urls.OcspUrl is null ? null : [urls.OcspUrl], urls.CaIssuersUrl is null ? null : [urls.CaIssuersUrl]);
        if (urls.CrlUrl is not null)
            yield return CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([urls.CrlUrl]);
    }

    /// <summary>id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1): relying parties need not check the OCSP signer's own status.</summary>
    public static X509Extension OcspNoCheck()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteNull();
        return new X509Extension(PkiOids.OcspNoCheck, writer.Encode(), critical: false);
    }

    /// <summary>The path length a CA certificate allows below it, or null when it is unlimited or not a CA.</summary>
    public static int? PathLengthOf(X509Certificate2 ca) =>
        ca.Extensions[PkiOids.BasicConstraints] is X509BasicConstraintsExtension { HasPathLengthConstraint: true } constraints
            ? constraints.PathLengthConstraint
            : null;
}
