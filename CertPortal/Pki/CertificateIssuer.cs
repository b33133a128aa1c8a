using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Pki;

/// <summary>
/// Signs certificates with a CA (its certificate carrying its private key): intermediates, end-entity certificates
/// per <see cref="CertificateUsage"/> and delegated OCSP signers, and makes self-signed roots. Every issued
/// certificate gets 128 random serial bits, SKI and AKI, the CA's AIA and CDP URLs, and a validity cut at the CA's
/// own notAfter (a certificate cannot outlive its issuer in any verifier).
/// </summary>
public sealed class CertificateIssuer
{
    // Backdated so a client whose clock is a little behind does not see a certificate from the future.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly X509Certificate2 _ca;
    private readonly RevocationUrls _urls;
    private readonly TimeProvider _clock;
    private readonly HashAlgorithmName _hash;
    private readonly RSASignaturePadding? _padding;

    public CertificateIssuer(X509Certificate2 ca, RevocationUrls urls, TimeProvider clock)
    {
        if (!ca.HasPrivateKey)
            throw new ArgumentException($"{ca.Subject} has no private key to sign with.", nameof(ca));
        (_ca, _urls, _clock) = (ca, urls, clock);
        using var key = PkiKeys.PrivateKeyOf(ca);
        _hash = PkiKeys.SignatureHash(key);
        _padding = key is RSA ? RSASignaturePadding.Pkcs1 : null;
    }

    public X509Certificate2 Certificate => _ca;

    /// <summary>A self-signed root for <paramref name="key"/>; the result carries the key.</summary>
    public static X509Certificate2 CreateRoot(AsymmetricAlgorithm key, CaProfile profile, TimeProvider clock)
    {
        var request = key switch
        {
            ECDsa ec => new CertificateRequest(profile.Subject, ec, PkiKeys.SignatureHash(key)),
            RSA rsa => new CertificateRequest(profile.Subject, rsa, PkiKeys.SignatureHash(key), RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("Only EC and RSA keys can make a root.", nameof(key)),
        };
        AddCaExtensions(request, profile, profile.PathLength);
        var now = clock.GetUtcNow();
        return request.CreateSelfSigned(now - ClockSkew, now + profile.Validity);
    }

    /// <summary>An intermediate CA for <paramref name="subjectKey"/>, inside this CA's path length; the result carries no private key.</summary>
    public PkiResult<X509Certificate2> IssueIntermediate(PublicKey subjectKey, CaProfile profile)
    {
        var described = PkiKeys.Describe(subjectKey);
        if (!described.IsOk)
            return described.As<X509Certificate2>();
        var parentLength = CertificateExtensions.PathLengthOf(_ca);
        if (parentLength == 0)
            return PkiResult<X509Certificate2>.Refused($"{_ca.Subject} has path length 0 and may not sign another CA.");
        if (profile.PathLength >= parentLength)
            return PkiResult<X509Certificate2>.Refused($"The path length must be below {parentLength}, the path length of {_ca.Subject}.");
        var request = Request(profile.Subject, subjectKey);
        AddCaExtensions(request, profile, profile.PathLength ?? parentLength - 1);
        AddIssuerExtensions(request);
        return PkiResult<X509Certificate2>.Ok(Sign(request, profile.Validity));
    }

    /// <summary>An end-entity certificate for a key the portal made or a CSR's key; refuses names outside the CA's constraints.</summary>
    public PkiResult<X509Certificate2> IssueLeaf(PublicKey subjectKey, LeafProfile profile)
    {
        var described = PkiKeys.Describe(subjectKey);
        if (!described.IsOk)
            return described.As<X509Certificate2>();
        var refusal = CheckNames(profile);
        if (refusal is not null)
            return PkiResult<X509Certificate2>.Refused(refusal);
        var request = Request(profile.Subject, subjectKey);
        var rsa = described.Value!.IsRsa;
        request.CertificateExtensions.Add(CertificateExtensions.BasicConstraints(ca: false, null));
        request.CertificateExtensions.Add(CertificateExtensions.KeyUsage(ca: false, rsa, ecdhForEmail: !rsa && profile.Usage == CertificateUsage.Email));
        request.CertificateExtensions.Add(CertificateExtensions.ExtendedKeyUsage(profile.Usage.ExtendedKeyUsages));
        if (!profile.Names.IsEmpty)
            // With an empty subject the names are the only identity, and the extension must be critical (§4.2.1.6).
            request.CertificateExtensions.Add(profile.Names.ToExtension(critical: profile.Subject.RawData.Length <= 2));
        AddIssuerExtensions(request);
        return PkiResult<X509Certificate2>.Ok(Sign(request, profile.Validity));
    }

    /// <summary>
    /// A delegated OCSP signing certificate (RFC 6960 §4.2.2.2): issued directly by this CA with id-kp-OCSPSigning
    /// and id-pkix-ocsp-nocheck. Keep it short-lived: with nocheck nobody can learn that it was revoked.
    /// </summary>
    public X509Certificate2 IssueOcspSigner(PublicKey subjectKey, TimeSpan validity)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName($"OCSP signer for {_ca.GetNameInfo(X509NameType.SimpleName, forIssuer: false)}");
        var request = Request(subject.Build(), subjectKey);
        request.CertificateExtensions.Add(CertificateExtensions.BasicConstraints(ca: false, null));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(CertificateExtensions.ExtendedKeyUsage([PkiOids.OcspSigning]));
        request.CertificateExtensions.Add(CertificateExtensions.OcspNoCheck());
        request.CertificateExtensions.Add(CertificateExtensions.SubjectKeyIdentifier(request.PublicKey));
        request.CertificateExtensions.Add(CertificateExtensions.AuthorityKeyIdentifier(_ca));
        return Sign(request, validity);
    }

    private string? CheckNames(LeafProfile profile)
    {
        if (profile.Usage.IsServer && profile.Names.DnsNames.Count + profile.Names.IpAddresses.Count == 0)
            return "A server certificate needs at least one DNS name or IP address among its subject alternative names.";
        if (profile.Usage == CertificateUsage.Email && profile.Names.Emails.Count == 0)
            return "An email certificate needs at least one email address among its subject alternative names.";
        if (DnsNameConstraints.Of(_ca) is not { } constraints)
            return null;
        // Verifiers also hold a host-like common name to the constraints when there are no DNS names (OpenSSL does).
        var commonName = profile.Subject.EnumerateRelativeDistinguishedNames()
            .Where(r => !r.HasMultipleElements && r.GetSingleElementType().Value == "2.5.4.3").Select(r => r.GetSingleElementValue()).LastOrDefault();
        var names = profile.Names.DnsNames.Concat(commonName is not null && commonName.Contains('.') && SubjectAlternativeNames.IsDnsName(commonName) ? [commonName] : []);
        var outside = names.FirstOrDefault(n => !constraints.Allows(n));
        return outside is null ? null : $"{outside} lies outside the names {_ca.Subject} may issue for.";
    }

    private CertificateRequest Request(X500DistinguishedName subject, PublicKey key) => new(subject, key, _hash, _padding);

    private static void AddCaExtensions(CertificateRequest request, CaProfile profile, int? pathLength)
    {
        request.CertificateExtensions.Add(CertificateExtensions.BasicConstraints(ca: true, pathLength));
        request.CertificateExtensions.Add(CertificateExtensions.KeyUsage(ca: true, rsa: false));
        request.CertificateExtensions.Add(CertificateExtensions.SubjectKeyIdentifier(request.PublicKey));
        if (profile.NameConstraints is not null)
            request.CertificateExtensions.Add(profile.NameConstraints.ToExtension());
    }

    private void AddIssuerExtensions(CertificateRequest request)
    {
        if (request.CertificateExtensions.All(e => e is not X509SubjectKeyIdentifierExtension))
            request.CertificateExtensions.Add(CertificateExtensions.SubjectKeyIdentifier(request.PublicKey));
        request.CertificateExtensions.Add(CertificateExtensions.AuthorityKeyIdentifier(_ca));
        foreach (var extension in CertificateExtensions.RevocationPointers(_urls))
            request.CertificateExtensions.Add(extension);
    }

    private X509Certificate2 Sign(CertificateRequest request, TimeSpan validity)
    {
        var now = _clock.GetUtcNow();
        var notBefore = Max(now - ClockSkew, _ca.NotBefore.ToUniversalTime());
        var notAfter = Min(now + validity, _ca.NotAfter.ToUniversalTime());
        // The generator overload, because Create(issuerCertificate) refuses an issuer whose key algorithm differs
        // from the subject's (an EC CA certifying an RSA key).
        using var key = PkiKeys.PrivateKeyOf(_ca);
        var generator = key is RSA rsa ? X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1) : X509SignatureGenerator.CreateForECDsa((ECDsa)key);
        return request.Create(_ca.SubjectName, generator, notBefore, notAfter, SerialNumber.NewRandom());
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTime b) => a > b ? a : new DateTimeOffset(b);

    private static DateTimeOffset Min(DateTimeOffset a, DateTime b) => a < b ? a : new DateTimeOffset(b);
}
