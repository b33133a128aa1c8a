using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CertPortal.Features.Certificates.Files;

/// <summary>
/// Reads an imported PEM bundle or PFX into a leaf with its private key and the chain in order (each certificate
/// followed by its issuer). Refuses a key that does not match, a certificate that belongs to no chain of the leaf,
/// and a PFX that does not open, each with a message a technician can act on.
/// </summary>
public static class CertificateBundleReader
{
    public static (CertificateChain Chain, string KeyPem)? Read(byte[] content, string? password, out string? error)
    {
        error = null;
        try
        {
            var text = LooksLikePem(content) ? Encoding.UTF8.GetString(content) : null;
            var (certificates, key) = text is not null ? FromPem(text, password) : FromPfx(content, password);
            if (certificates.Count == 0)
                return Fail("The file holds no certificate.", out error);
            if (key is null)
                return Fail("The file holds no private key; import the certificate together with its key.", out error);
            var leaf = certificates.FirstOrDefault(c => Matches(c, key));
            if (leaf is null)
                return Fail("The private key does not match any certificate in the file.", out error);
            var ordered = Order(leaf, certificates.Where(c => c != leaf).ToList(), out var strays);
            if (strays.Count > 0)
                return Fail($"{strays[0].Subject} is not part of the chain of {leaf.Subject}.", out error);
            return (CertificateChain.From(leaf, ordered), key.ExportPkcs8PrivateKeyPem());
        }
        catch (CryptographicException e)
        {
            return Fail(LooksLikePem(content)
                ? $"The PEM could not be read: {e.Message}"
                : "The PFX could not be opened: the password is wrong or the file is not a PKCS#12 file.", out error);
        }
    }

    private static (CertificateChain, string)? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }

    private static bool LooksLikePem(byte[] content) => Encoding.ASCII.GetString(content, 0, Math.Min(content.Length, 4096)).Contains("-----BEGIN ", StringComparison.Ordinal);

    private static (List<X509Certificate2>, AsymmetricAlgorithm?) FromPem(string text, string? password)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(text);
        AsymmetricAlgorithm? key = null;
        if (certificates.Count == 0)
            return ([], null);
        // One key type, the one the (first, leaf) certificate names: each try at an encrypted key costs its whole key derivation.
        var isEc = certificates[0].GetKeyAlgorithm() == EcPublicKeyOid;
        foreach (var label in new[] { "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY" })
        {
            var start = text.IndexOf($"-----BEGIN {label}-----", StringComparison.Ordinal);
            if (start < 0)
                continue;
            var end = text.IndexOf($"-----END {label}-----", start, StringComparison.Ordinal);
            if (end < 0)
                throw new CryptographicException($"The {label} block is not closed.");
            var block = text[start..(end + label.Length + 14)];
            key = LoadKey(block, label, password, isEc);
            break;
        }
        return (certificates.ToList(), key);
    }

    private const string EcPublicKeyOid = "1.2.840.10045.2.1";

    private static AsymmetricAlgorithm LoadKey(string block, string label, string? password, bool isEc)
    {
        if (label == "ENCRYPTED PRIVATE KEY" && string.IsNullOrEmpty(password))
            throw new CryptographicException("The private key is encrypted; give its password.");
        if (label == "ENCRYPTED PRIVATE KEY" && EncryptedKeyCost.Problem(block) is { } tooCostly)
            throw new CryptographicException(tooCostly);
        if (label is "RSA PRIVATE KEY" or "EC PRIVATE KEY")
            isEc = label == "EC PRIVATE KEY";
        AsymmetricAlgorithm key = isEc ? ECDsa.Create() : RSA.Create();
        try
        {
            if (label == "ENCRYPTED PRIVATE KEY")
                key.ImportFromEncryptedPem(block, password);
            else
                key.ImportFromPem(block);
            return key;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new CryptographicException($"The private key is not the {(isEc ? "EC" : "RSA")} key the certificate names, or its password is wrong.");
        }
    }

    private static (List<X509Certificate2>, AsymmetricAlgorithm?) FromPfx(byte[] content, string? password)
    {
        var collection = X509CertificateLoader.LoadPkcs12Collection(content, password, X509KeyStorageFlags.Exportable);
        var withKey = collection.FirstOrDefault(c => c.HasPrivateKey);
        AsymmetricAlgorithm? key = withKey is null ? null : (AsymmetricAlgorithm?)withKey.GetECDsaPrivateKey() ?? withKey.GetRSAPrivateKey();
        return (collection.ToList(), key);
    }

    private static bool Matches(X509Certificate2 certificate, AsymmetricAlgorithm key)
    {
        var publicKey = key switch
        {
            ECDsa ec => ec.ExportSubjectPublicKeyInfo(),
            RSA rsa => rsa.ExportSubjectPublicKeyInfo(),
            _ => [],
        };
        return certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(publicKey);
    }

    /// <summary>Follows issuers (by name and signature) up from the leaf to a self-signed root or the end of the bundle; what is left over belongs to no chain of the leaf.</summary>
    private static List<X509Certificate2> Order(X509Certificate2 leaf, List<X509Certificate2> others, out List<X509Certificate2> strays)
    {
        var ordered = new List<X509Certificate2>();
        var current = leaf;
        while (!IssuerSignature.Signed(current, current) && others.FirstOrDefault(c => IssuerSignature.Signed(c, current)) is { } issuer)
        {
            ordered.Add(issuer);
            others.Remove(issuer);
            current = issuer;
        }
        strays = others;
        return ordered;
    }
}
