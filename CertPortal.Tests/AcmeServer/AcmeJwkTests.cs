using System.Text;
using System.Text.Json;
using CertPortal.Acme;
using CertPortal.Features.AcmeServer.Protocol;

namespace CertPortal.Tests.AcmeServer;

/// <summary>The ACME server's JWK reading against RFC 8037's worked example (Appendix A) and the curves it refuses.</summary>
public sealed class AcmeJwkTests
{
    // RFC 8037 Appendix A.2: the example Ed25519 public key.
    private const string ExampleKey = """{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""";

    [Fact]
    public void The_rfc_8037_example_key_has_the_rfc_thumbprint()
    {
        var jwk = AcmeJwk.FromCanonical(ExampleKey);

        // RFC 8037 Appendix A.3.
        Assert.Equal("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", jwk.Thumbprint);
    }

    [Fact]
    public void The_rfc_8037_example_signature_verifies_and_a_changed_payload_does_not()
    {
        var jwk = AcmeJwk.FromCanonical(ExampleKey);
        // RFC 8037 Appendix A.4: {"alg":"EdDSA"} over "Example of Ed25519 signing".
        const string header = "eyJhbGciOiJFZERTQSJ9";
        const string payload = "RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
        var signature = Base64Url.Decode("hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg");

        Assert.True(jwk.Verifies("EdDSA", Encoding.ASCII.GetBytes($"{header}.{payload}"), signature));
        Assert.False(jwk.Verifies("EdDSA", Encoding.ASCII.GetBytes($"{header}.{payload}x"), signature));
        Assert.False(jwk.Verifies("ES256", Encoding.ASCII.GetBytes($"{header}.{payload}"), signature));
    }

    [Theory]
    [InlineData("""{"kty":"OKP","crv":"Ed448","x":"X9dEm1m0Yf0s54fsYWrUah2hNCSFpw4fig6nXYDpZ3jt8SR2m0bHBhvWeD3x5Q9s0foavq_oJWGA"}""", "Ed448")]
    [InlineData("""{"kty":"OKP","crv":"X25519","x":"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08"}""", "X25519")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"AAAA"}""", "not an Ed25519 public key")]
    public void Other_okp_curves_and_short_keys_are_refused_as_badPublicKey(string json, string said)
    {
        using var document = JsonDocument.Parse(json);

        var refusal = Assert.Throws<AcmeRefusal>(() => AcmeJwk.Parse(document.RootElement));

        Assert.Equal("urn:ietf:params:acme:error:badPublicKey", refusal.Type);
        Assert.Contains(said, refusal.Message);
    }
}
