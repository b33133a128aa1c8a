using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CertPortal.Acme;
using NSec.Cryptography;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>
/// A client's public key from a JWS header (RFC 7517): EC P-256/P-384, RSA ≥ 2048 or Ed25519 (RFC 8037, verified with
/// libsodium through NSec, as .NET's base library has no EdDSA). Verifies JWS signatures and gives the RFC 7638
/// thumbprint that names the account and ends every key authorization.
/// </summary>
public sealed class AcmeJwk
{
    public static readonly string[] Algorithms = ["ES256", "ES384", "RS256", "EdDSA"];

    // The OID of an Ed25519 key in a certificate's SubjectPublicKeyInfo (RFC 8410).
    private const string Ed25519Oid = "1.3.101.112";

    private readonly ECParameters? _ec;
    private readonly RSAParameters? _rsa;
    private readonly byte[]? _ed25519;

    private AcmeJwk(string canonicalJson, ECParameters? ec = null, RSAParameters? rsa = null, byte[]? ed25519 = null) =>
        (CanonicalJson, _ec, _rsa, _ed25519) = (canonicalJson, ec, rsa, ed25519);

    /// <summary>Only the required members, in lexicographic order, without spaces (RFC 7638 §3).</summary>
    public string CanonicalJson { get; }

    public string Thumbprint => Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson)));

    public static AcmeJwk Parse(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object)
            throw AcmeRefusal.Malformed("The jwk header is not a JSON object.");
        try
        {
            switch (Member(jwk, "kty"))
            {
                case "EC":
                    var crv = Member(jwk, "crv");
                    var curve = crv switch
                    {
                        "P-256" => ECCurve.NamedCurves.nistP256,
                        "P-384" => ECCurve.NamedCurves.nistP384,
                        _ => throw new AcmeRefusal("badPublicKey", $"EC curve {crv} is not accepted; use P-256 or P-384."),
                    };
                    var (x, y) = (Member(jwk, "x"), Member(jwk, "y"));
                    var ec = new ECParameters { Curve = curve, Q = new ECPoint { X = Base64Url.Decode(x), Y = Base64Url.Decode(y) } };
                    ec.Validate();
                    return new AcmeJwk($"{{\"crv\":\"{crv}\",\"kty\":\"EC\",\"x\":\"{x}\",\"y\":\"{y}\"}}", ec: ec);
                case "RSA":
                    var (e, n) = (Member(jwk, "e"), Member(jwk, "n"));
                    var rsa = new RSAParameters { Exponent = Base64Url.Decode(e), Modulus = Base64Url.Decode(n) };
                    if (rsa.Modulus.SkipWhile(b => b == 0).Count() * 8 < 2048)
                        throw new AcmeRefusal("badPublicKey", "RSA account keys must have at least 2048 bits.");
                    return new AcmeJwk($"{{\"e\":\"{e}\",\"kty\":\"RSA\",\"n\":\"{n}\"}}", rsa: rsa);
                case "OKP":
                    var okpCurve = Member(jwk, "crv");
                    if (okpCurve != "Ed25519")
                        throw new AcmeRefusal("badPublicKey", $"OKP curve {okpCurve} is not accepted; use Ed25519.");
                    var publicKey = Member(jwk, "x");
                    var raw = Base64Url.Decode(publicKey);
                    if (!NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey, out _))
                        throw new AcmeRefusal("badPublicKey", "The jwk's x is not an Ed25519 public key.");
                    // RFC 8037 §2: the thumbprint's members of an OKP key are crv, kty and x.
                    return new AcmeJwk($"{{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"{publicKey}\"}}", ed25519: raw);
                default:
                    throw new AcmeRefusal("badPublicKey", "The key type (kty) must be EC, RSA or OKP (Ed25519).");
            }
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw new AcmeRefusal("badPublicKey", "The jwk could not be read as a public key.");
        }
    }

    public static AcmeJwk FromCanonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Parse(document.RootElement);
    }

    /// <summary>True when <paramref name="signature"/> over <paramref name="input"/> is good for <paramref name="alg"/> and this key.</summary>
    public bool Verifies(string alg, byte[] input, byte[] signature)
    {
        try
        {
            if (_ec is { } ecParameters && alg is "ES256" or "ES384")
            {
                using var ec = ECDsa.Create(ecParameters);
                var (size, hash) = alg == "ES256" ? (256, HashAlgorithmName.SHA256) : (384, HashAlgorithmName.SHA384);
                return ec.KeySize == size && ec.VerifyData(input, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }
            if (_rsa is { } rsaParameters && alg == "RS256")
            {
                using var rsa = RSA.Create(rsaParameters);
                return rsa.VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
            if (_ed25519 is { } raw && alg == "EdDSA")
            {
                var key = NSec.Cryptography.PublicKey.Import(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey);
                return SignatureAlgorithm.Ed25519.Verify(key, input, signature);
            }
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>True when this is the same key as <paramref name="publicKey"/> (a certificate's, for revocation by the certificate's key).</summary>
    public bool SameKeyAs(System.Security.Cryptography.X509Certificates.PublicKey publicKey)
    {
        if (_ec is { } ec && publicKey.GetECDsaPublicKey() is { } certEc)
        {
            using (certEc)
            {
                var q = certEc.ExportParameters(false).Q;
                return q.X!.AsSpan().SequenceEqual(ec.Q.X) && q.Y!.AsSpan().SequenceEqual(ec.Q.Y);
            }
        }
        if (_rsa is { } rsa && publicKey.GetRSAPublicKey() is { } certRsa)
        {
            using (certRsa)
                return certRsa.ExportParameters(false).Modulus!.AsSpan().SequenceEqual(rsa.Modulus);
        }
        if (_ed25519 is { } raw && publicKey.Oid.Value == Ed25519Oid)
            return publicKey.EncodedKeyValue.RawData.AsSpan().SequenceEqual(raw);
        return false;
    }

    private static string Member(JsonElement jwk, string name) =>
        jwk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new AcmeRefusal("badPublicKey", $"The jwk has no '{name}'.");
}
