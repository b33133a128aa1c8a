using System.Text.Json;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>A verified ACME POST: its JWS, the key that signed it, and the account when it was signed by <c>kid</c>.</summary>
public sealed record AcmeSignedRequest(AcmeJws Jws, AcmeJwk Key, AcmeServerAccount? Account, AcmeServerUrls Urls)
{
    public AcmeServerAccount RequireAccount() => Account ?? throw AcmeRefusal.Malformed("This request must be signed by an account (kid).");

    public JsonElement Payload() => Jws.PayloadJson();
}
