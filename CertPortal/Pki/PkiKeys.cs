using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Pki;

/// <summary>
/// The key types of the README's API section (<c>ec256, ec384, rsa2048, rsa3072, rsa4096</c>): creating them, PKCS#8 PEM in and out,
/// and naming the type of a key someone else made (a CSR, an imported CA). RSA under 2048 bits is refused
/// everywhere (CA/Browser Forum and NIST SP 800-131A).
/// </summary>
public static class PkiKeys
{
    public const int MinimumRsaBits = 2048;

    private static readonly Dictionary<string, Func<AsymmetricAlgorithm>> Factories = new(StringComparer.Ordinal)
    {
        ["ec256"] = () => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        ["ec384"] = () => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        ["rsa2048"] = () => RSA.Create(2048),
        ["rsa3072"] = () => RSA.Create(3072),
        ["rsa4096"] = () => RSA.Create(4096),
    };

    public static IReadOnlyCollection<string> Types => Factories.Keys;

    public static PkiResult<AsymmetricAlgorithm> Create(string? keyType) =>
        keyType is not null && Factories.TryGetValue(keyType, out var create)
            ? PkiResult<AsymmetricAlgorithm>.Ok(create())
            : PkiResult<AsymmetricAlgorithm>.Refused($"Key type must be one of: {string.Join(", ", Types)}.");

    public static string ExportPkcs8Pem(AsymmetricAlgorithm key) => key.ExportPkcs8PrivateKeyPem();

    /// <summary>Reads an unencrypted PKCS#8 (or SEC1/PKCS#1) PEM private key, EC or RSA.</summary>
    public static PkiResult<AsymmetricAlgorithm> ImportPem(string pem)
    {
        foreach (var create in new Func<AsymmetricAlgorithm>[] { () => ECDsa.Create(), () => RSA.Create() })
        {
            var key = create();
            try
            {
                key.ImportFromPem(pem);
                var described = Describe(key);
                if (!described.IsOk)
                    key.Dispose();
                return described.IsOk ? PkiResult<AsymmetricAlgorithm>.Ok(key) : described.As<AsymmetricAlgorithm>();
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                key.Dispose();
            }
        }
        return PkiResult<AsymmetricAlgorithm>.Refused("The text holds no readable EC or RSA private key in PEM.");
    }

    public static PkiResult<KeyDescription> Describe(AsymmetricAlgorithm key) => key switch
    {
        ECDsa ec => DescribeEc(ec.KeySize),
        RSA rsa => DescribeRsa(rsa.KeySize),
        _ => PkiResult<KeyDescription>.Refused("Only EC (P-256, P-384) and RSA keys are supported."),
    };

    /// <summary>The type of a public key from a CSR or a certificate; refuses other algorithms and weak RSA.</summary>
    public static PkiResult<KeyDescription> Describe(PublicKey key)
    {
        switch (key.Oid.Value)
        {
            case PkiOids.EcPublicKey:
                using (var ec = key.GetECDsaPublicKey())
                    return ec is null ? PkiResult<KeyDescription>.Refused("The EC public key could not be read.") : DescribeEc(ec.KeySize);
            case PkiOids.RsaEncryption:
                using (var rsa = key.GetRSAPublicKey())
                    return rsa is null ? PkiResult<KeyDescription>.Refused("The RSA public key could not be read.") : DescribeRsa(rsa.KeySize);
            default:
                return PkiResult<KeyDescription>.Refused($"Key algorithm {key.Oid.FriendlyName ?? key.Oid.Value} is not supported; use EC P-256, P-384 or RSA of 2048 bits or more.");
        }
    }

    /// <summary>The hash a CA signs with: matched to the curve for EC (RFC 5480 §4), SHA-256 for RSA.</summary>
    public static HashAlgorithmName SignatureHash(AsymmetricAlgorithm key) => key switch
    {
        ECDsa { KeySize: > 384 } => HashAlgorithmName.SHA512,
        ECDsa { KeySize: > 256 } => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA256,
    };

    /// <summary>The private key of a CA certificate, EC or RSA.</summary>
    public static AsymmetricAlgorithm PrivateKeyOf(X509Certificate2 certificate) =>
        (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
        ?? throw new ArgumentException($"{certificate.Subject} carries no EC or RSA private key.", nameof(certificate));

    /// <summary>A copy of <paramref name="certificate"/> that carries <paramref name="key"/>, to sign with or to put into a PFX.</summary>
    public static X509Certificate2 Attach(X509Certificate2 certificate, AsymmetricAlgorithm key) => key switch
    {
        ECDsa ec => certificate.CopyWithPrivateKey(ec),
        RSA rsa => certificate.CopyWithPrivateKey(rsa),
        _ => throw new ArgumentException("Only EC and RSA keys are supported.", nameof(key)),
    };

    private static PkiResult<KeyDescription> DescribeEc(int bits) => bits switch
    {
        256 => PkiResult<KeyDescription>.Ok(new KeyDescription("ec256", "EC", 256)),
        384 => PkiResult<KeyDescription>.Ok(new KeyDescription("ec384", "EC", 384)),
        _ => PkiResult<KeyDescription>.Refused($"EC keys of {bits} bits are not supported; use P-256 or P-384."),
    };

    private static PkiResult<KeyDescription> DescribeRsa(int bits) => bits < MinimumRsaBits
        ? PkiResult<KeyDescription>.Refused($"RSA keys of {bits} bits are too weak; use at least {MinimumRsaBits} bits.")
        : PkiResult<KeyDescription>.Ok(new KeyDescription($"rsa{bits}", "RSA", bits));
}
