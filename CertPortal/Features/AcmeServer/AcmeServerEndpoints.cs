using CertPortal.Data;
using CertPortal.Features.AcmeServer.Protocol;
using CertPortal.Features.CertificateAuthorities;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.AcmeServer;

/// <summary>
/// /acme/{caId}/...: the RFC 8555 resources of one CA's ACME server, anonymous at the HTTP level (a JWS signed by
/// an account, or by a key being registered with EAB, is the authentication). Thin: verify, call, answer.
/// </summary>
public static class AcmeServerEndpoints
{
    public static void MapAcmeServerEndpoints(this IEndpointRouteBuilder app)
    {
        var acme = app.MapGroup("/acme/{caId:guid}").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

        acme.MapGet("/directory", (Guid caId, HttpContext http, AcmeResponder responder, ICaSigning cas, IDbContextFactory<AppDbContext> dbFactory) =>
            responder.RunAsync(http, caId, async urls =>
            {
                await RequireCaAsync(caId, cas, dbFactory, http.RequestAborted);
                return AcmeAnswer.Ok(new
                {
                    newNonce = urls.NewNonce, newAccount = urls.NewAccount, newOrder = urls.NewOrder, revokeCert = urls.RevokeCert, keyChange = urls.KeyChange,
                    renewalInfo = urls.RenewalInfo,
                    meta = new { externalAccountRequired = true, profiles = AcmeProfiles.Descriptions },
                });
            }));

        // RFC 8555 §7.2: HEAD answers 200, GET 204; both only to carry Replay-Nonce.
        acme.MapMethods("/new-nonce", ["HEAD", "GET"], (Guid caId, HttpContext http, AcmeResponder responder) =>
            responder.RunAsync(http, caId, _ => Task.FromResult(new AcmeAnswer(HttpMethods.IsHead(http.Request.Method) ? 200 : 204, null))));

        acme.MapGet("/renewal-info/{certId}", (Guid caId, string certId, HttpContext http, AcmeResponder responder, AcmeRevocations revocations) =>
            responder.RunAsync(http, caId, _ => revocations.RenewalInfoAsync(caId, certId, http.RequestAborted)));

        Post(acme, "/new-account", AcmeKeyRule.Jwk, (sp, r, _, ct) => sp.GetRequiredService<AcmeAccounts>().NewAccountAsync(r, ct));
        Post(acme, "/acct/{id:guid}", AcmeKeyRule.Kid, (sp, r, v, ct) => sp.GetRequiredService<AcmeAccounts>().AccountAsync(Id(v), r, ct));
        Post(acme, "/acct/{id:guid}/orders", AcmeKeyRule.Kid, (sp, r, v, ct) => sp.GetRequiredService<AcmeAccounts>().OrdersAsync(Id(v), r, ct));
        Post(acme, "/key-change", AcmeKeyRule.Kid, (sp, r, _, ct) => sp.GetRequiredService<AcmeAccounts>().KeyChangeAsync(r, ct));
        Post(acme, "/new-order", AcmeKeyRule.Kid, (sp, r, _, ct) => sp.GetRequiredService<AcmeOrders>().NewOrderAsync(r, ct));
        Post(acme, "/order/{id:guid}", AcmeKeyRule.Kid, (sp, r, v, ct) => sp.GetRequiredService<AcmeOrders>().OrderAsync(Id(v), r, ct));
        Post(acme, "/order/{id:guid}/finalize", AcmeKeyRule.Kid, (sp, r, v, ct) => sp.GetRequiredService<AcmeFinalization>().FinalizeAsync(Id(v), r, ct));
        Post(acme, "/cert/{id:guid}", AcmeKeyRule.Kid, (sp, r, v, ct) => sp.GetRequiredService<AcmeFinalization>().CertificateAsync(Id(v), r, ct));
        Post(acme, "/authz/{id:guid}", AcmeKeyRule.Kid, (sp, r, v, ct) => sp.GetRequiredService<AcmeAuthorizations>().AuthorizationAsync(Id(v), r, ct));
        Post(acme, "/chall/{id:guid}/{type}", AcmeKeyRule.Kid, (sp, r, v, ct) =>
            sp.GetRequiredService<AcmeAuthorizations>().ChallengeAsync(Id(v), v["type"]?.ToString() ?? "", r, ct));
        Post(acme, "/revoke-cert", AcmeKeyRule.Either, (sp, r, _, ct) => sp.GetRequiredService<AcmeRevocations>().RevokeAsync(r, ct));
    }

    private static void Post(RouteGroupBuilder acme, string pattern, AcmeKeyRule rule,
        Func<IServiceProvider, AcmeSignedRequest, RouteValueDictionary, CancellationToken, Task<AcmeAnswer>> handle) =>
        acme.MapPost(pattern, (Guid caId, HttpContext http, AcmeResponder responder, AcmeRequestVerifier verifier) =>
            responder.RunAsync(http, caId, async urls =>
            {
                var request = await verifier.VerifyAsync(http.Request, urls, rule, http.RequestAborted);
                return await handle(http.RequestServices, request, http.Request.RouteValues, http.RequestAborted);
            }));

    private static Guid Id(RouteValueDictionary values) => Guid.Parse(values["id"]!.ToString()!);

    private static async Task RequireCaAsync(Guid caId, ICaSigning cas, IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await cas.Names(db).AnyAsync(c => c.Id == caId, ct))
            throw AcmeRefusal.NotFound("CA");
    }
}
