using System.Security.Cryptography;

namespace CertPortal.Acme;

/// <summary>
/// An ACME account key: ES256 (P-256) or RS256 (RSA ≥ 2048). Signs JWS, gives its JWK and RFC 7638 thumbprint, and
/// round-trips through PKCS#8 so the portal can keep it sealed.
/// </summary>
public sealed class AcmeAccountKey : IJwsSigningKey
{
    private readonly ECDsa? _ec;
    private readonly RSA? _rsa;

    private AcmeAccountKey(ECDsa? ec, RSA? rsa) => (_ec, _rsa) = (ec, rsa);

    public string Algorithm => _ec is not null ? "ES256" : "RS256";

    public static AcmeAccountKey CreateEs256() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), null);

    public static AcmeAccountKey CreateRs256(int bits = 2048) => new(null, RSA.Create(bits));

    public static AcmeAccountKey FromPkcs8(byte[] pkcs8)
    {
        try
        {
            var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(pkcs8, out _);
            if (ec.KeySize != 256)
                throw new AcmeException("Only P-256 EC account keys are supported (ES256).");
            return new AcmeAccountKey(ec, null);
        }
        catch (CryptographicException)
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return new AcmeAccountKey(null, rsa);
        }
    }

    public byte[] ExportPkcs8() => _ec?.ExportPkcs8PrivateKey() ?? _rsa!.ExportPkcs8PrivateKey();

    /// <summary>The public JWK with its members in lexicographic order, as RFC 7638 hashes it.</summary>
    public SortedDictionary<string, string> Jwk()
    {
        if (_ec is not null)
        {
            var p = _ec.ExportParameters(false);
            return new(StringComparer.Ordinal) { ["crv"] = "P-256", ["kty"] = "EC", ["x"] = Base64Url.Encode(p.Q.X), ["y"] = Base64Url.Encode(p.Q.Y) };
        }
        var r = _rsa!.ExportParameters(false);
        return new(StringComparer.Ordinal) { ["e"] = Base64Url.Encode(r.Exponent), ["kty"] = "RSA", ["n"] = Base64Url.Encode(r.Modulus) };
    }

    /// <summary>RFC 7638 JWK thumbprint (SHA-256), base64url: the second half of every key authorization.</summary>
    public string Thumbprint() => JwkThumbprint.Of(Jwk());

    /// <summary>JWS signature over <paramref name="signingInput"/>; ES256 as the raw r||s pair JOSE expects (RFC 7518 §3.4).</summary>
    public byte[] Sign(byte[] signingInput) => _ec is not null
        ? _ec.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
        : _rsa!.SignData(signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public void Dispose()
    {
        _ec?.Dispose();
        _rsa?.Dispose();
    }
}
