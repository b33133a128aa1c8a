using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Pki;

/// <summary>A PKCS#12 file (RFC 7292) holding a certificate, its private key and its chain, under a password.</summary>
public static class Pkcs12Writer
{
    /// <param name="certificate">The certificate; <paramref name="key"/> is attached to it when it has no key.</param>
    /// <param name="chain">Issuers to include, nearest first; the root may be left out.</param>
    public static byte[] Write(X509Certificate2 certificate, AsymmetricAlgorithm? key, IEnumerable<X509Certificate2> chain, string password, Pkcs12Flavour flavour)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        using var withKey = certificate.HasPrivateKey ? null : PkiKeys.Attach(certificate, key ?? throw new ArgumentNullException(nameof(key)));
        var collection = new X509Certificate2Collection(withKey ?? certificate);
        collection.AddRange(chain.ToArray());
        return collection.ExportPkcs12(flavour == Pkcs12Flavour.Legacy ? Pkcs12ExportPbeParameters.Pkcs12TripleDesSha1 : Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
    }
}
