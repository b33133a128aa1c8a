using CertPortal.Acme;
using NSec.Cryptography;

namespace CertPortal.Tests.AcmeServer;

/// <summary>
/// An Ed25519 ACME account key (JWS alg EdDSA, JWK kty OKP, RFC 8037), as step-ca's and some Go clients' accounts
/// use; lego 4.9 and certbot 2.1 cannot make one, so the protocol tests sign with this.
/// </summary>
internal sealed class Ed25519AccountKey : IJwsSigningKey
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519);

    public string Algorithm => "EdDSA";

    public SortedDictionary<string, string> Jwk() => new(StringComparer.Ordinal)
    {
        ["crv"] = "Ed25519",
        ["kty"] = "OKP",
        ["x"] = Base64Url.Encode(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
    };

    public string Thumbprint() => JwkThumbprint.Of(Jwk());

    public byte[] Sign(byte[] signingInput) => SignatureAlgorithm.Ed25519.Sign(_key, signingInput);

    public void Dispose() => _key.Dispose();
}
