using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Features.Certificates.Files;

/// <summary>The key types of the README's API section: a fresh key per issuance, and the CSR that carries its public half.</summary>
public static class CertificateKeys
{
    public static readonly IReadOnlyList<string> Types = ["ec256", "ec384", "rsa2048", "rsa3072", "rsa4096"];

    public static bool IsKnown(string? type) => type is not null && Types.Contains(type);

    public static AsymmetricAlgorithm Create(string type) => type switch
    {
        "ec256" => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        "ec384" => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        "rsa2048" => RSA.Create(2048),
        "rsa3072" => RSA.Create(3072),
        "rsa4096" => RSA.Create(4096),
        _ => throw new ArgumentException($"Unknown key type '{type}'.", nameof(type)),
    };

    /// <summary>A PKCS#10 request (DER) for <paramref name="names"/>: CN is the first name, every name a DNS SAN.</summary>
    public static byte[] Csr(AsymmetricAlgorithm key, IReadOnlyList<string> names)
    {
        var subject = new X500DistinguishedName($"CN={names[0]}");
        var request = key switch
        {
            ECDsa ec => new CertificateRequest(subject, ec, ec.KeySize > 256 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256),
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("Unsupported key.", nameof(key)),
        };
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
            san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSigningRequest();
    }

    public static string ExportPem(AsymmetricAlgorithm key) => key.ExportPkcs8PrivateKeyPem();

    /// <summary>The key type name of a certificate's public key, e.g. for an imported certificate.</summary>
    public static string TypeOf(X509Certificate2 certificate)
    {
        if (certificate.GetECDsaPublicKey() is { } ec)
            using (ec)
                return ec.KeySize > 256 ? "ec384" : "ec256";
        using var rsa = certificate.GetRSAPublicKey();
        return rsa is null ? "unknown" : $"rsa{rsa.KeySize}";
    }
}
