namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>
/// The URLs of one CA's ACME server as the client reached it (scheme and host of the request, after the trusted
/// reverse proxy's headers), so the JWS <c>url</c> header can be compared with what the client was given.
/// </summary>
public sealed class AcmeServerUrls(HttpRequest request, Guid caId)
{
    public string Base { get; } = $"{request.Scheme}://{request.Host}{request.PathBase}/acme/{caId}";

    public Guid CaId => caId;

    public string Directory => $"{Base}/directory";

    public string NewNonce => $"{Base}/new-nonce";

    public string NewAccount => $"{Base}/new-account";

    public string NewOrder => $"{Base}/new-order";

    public string RevokeCert => $"{Base}/revoke-cert";

    public string KeyChange => $"{Base}/key-change";

    public string RenewalInfo => $"{Base}/renewal-info";

    public string Request => $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";

    public string Account(Guid id) => $"{Base}/acct/{id}";

    public string Orders(Guid accountId) => $"{Base}/acct/{accountId}/orders";

    public string Order(Guid id) => $"{Base}/order/{id}";

    public string Finalize(Guid id) => $"{Base}/order/{id}/finalize";

    public string Certificate(Guid orderId) => $"{Base}/cert/{orderId}";

    public string Authorization(Guid id) => $"{Base}/authz/{id}";

    public string Challenge(Guid authorizationId, string type) => $"{Base}/chall/{authorizationId}/{type}";

    /// <summary>The account id in a <c>kid</c> header, when it is an account URL of this CA.</summary>
    public Guid? AccountIdOf(string kid) =>
        kid.StartsWith(Base + "/acct/", StringComparison.Ordinal) && Guid.TryParse(kid[(Base.Length + 6)..], out var id) ? id : null;
}
