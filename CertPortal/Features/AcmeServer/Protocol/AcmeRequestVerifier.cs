using System.Text.Json;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>
/// Checks an ACME POST as RFC 8555 §6.2-6.5 ask: a supported alg, exactly one of jwk and kid (jwk only where the
/// resource allows it), the <c>url</c> header equal to the URL requested, a fresh nonce used up, and the signature.
/// </summary>
public sealed class AcmeRequestVerifier(IDbContextFactory<AppDbContext> dbFactory, AcmeNonces nonces)
{
    private const int MaxBodyBytes = 64 * 1024;

    public async Task<AcmeSignedRequest> VerifyAsync(HttpRequest request, AcmeServerUrls urls, AcmeKeyRule rule, CancellationToken ct)
    {
        if (request.ContentType?.Split(';')[0].Trim() is { } type && type != "application/jose+json")
            throw new AcmeRefusal("malformed", "The content type must be application/jose+json.", 415);
        if (request.ContentLength > MaxBodyBytes)
            throw AcmeRefusal.Malformed("The request is too large.");
        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(request.Body, cancellationToken: ct)).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw AcmeRefusal.Malformed("The request body is not JSON.");
        }
        var jws = AcmeJws.Parse(body);
        if (jws.Alg is not { } alg || !AcmeJwk.Algorithms.Contains(alg))
            throw new AcmeRefusal("badSignatureAlgorithm", $"The algorithm {jws.Alg ?? "(none)"} is not accepted; use one of {string.Join(", ", AcmeJwk.Algorithms)}.");
        if (jws.Url != urls.Request)
            throw Unauthorized($"The JWS url header ({jws.Url}) is not the URL requested ({urls.Request}).");
        if (jws.Jwk is not null == jws.Kid is not null)
            throw AcmeRefusal.Malformed("The protected header must hold exactly one of jwk and kid.");
        if (jws.Jwk is not null && rule == AcmeKeyRule.Kid)
            throw AcmeRefusal.Malformed("This resource takes requests signed by an account (kid), not by a jwk.");
        if (jws.Kid is not null && rule == AcmeKeyRule.Jwk)
            throw AcmeRefusal.Malformed("This resource takes a jwk in the protected header, not a kid.");
        if (!await nonces.ConsumeAsync(jws.Nonce, ct))
            throw new AcmeRefusal("badNonce", "The nonce is missing, already used or unknown; retry with the fresh one in Replay-Nonce.");

        AcmeServerAccount? account = null;
        AcmeJwk key;
        if (jws.Jwk is { } jwk)
            key = AcmeJwk.Parse(jwk);
        else
        {
            var id = urls.AccountIdOf(jws.Kid!) ?? throw new AcmeRefusal("accountDoesNotExist", "The kid is not an account URL of this directory.", 400);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            account = await db.Set<AcmeServerAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.CaId == urls.CaId, ct)
                ?? throw new AcmeRefusal("accountDoesNotExist", "There is no such account.", 400);
            if (account.Status != AcmeStatus.Valid)
                throw Unauthorized("The account is deactivated.");
            key = AcmeJwk.FromCanonical(account.JwkJson);
        }
        if (!key.Verifies(alg, jws.SigningInput, jws.Signature))
            throw AcmeRefusal.Malformed("The JWS signature does not verify.");
        return new AcmeSignedRequest(jws, key, account, urls);
    }

    private static AcmeRefusal Unauthorized(string detail) => AcmeRefusal.Unauthorized(detail);
}
