using System.Security.Cryptography;
using System.Text.Json;
using CertPortal.Data;
using CertPortal.Features.AcmeServer.Eab;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>
/// Checks newAccount's externalAccountBinding (RFC 8555 §7.3.4): an HMAC JWS over the account's own JWK, made with
/// a key this CA handed out and that has bound no account yet. Refusals use nothing up.
/// </summary>
public sealed class AcmeEabCheck(IDbContextFactory<AppDbContext> dbFactory, SecretProtector protector)
{
    public async Task<AcmeEabKey> CheckAsync(JsonElement payload, AcmeJwk accountKey, AcmeServerUrls urls, CancellationToken ct)
    {
        if (!payload.TryGetProperty("externalAccountBinding", out var binding) || binding.ValueKind != JsonValueKind.Object)
            throw new AcmeRefusal("externalAccountRequired", "This CA requires External Account Binding: ask the portal for an EAB key id and HMAC key.");
        var jws = AcmeJws.Parse(binding);
        var alg = jws.Alg;
        if (alg is not ("HS256" or "HS384" or "HS512"))
            throw AcmeRefusal.Malformed("The externalAccountBinding must be signed with HS256, HS384 or HS512.");
        if (jws.Nonce is not null || jws.Url != urls.NewAccount || jws.Kid is not { } keyId)
            throw AcmeRefusal.Malformed("The externalAccountBinding header needs kid, the newAccount url and no nonce.");
        JsonElement boundKey;
        try
        {
            boundKey = JsonDocument.Parse(jws.Payload).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw AcmeRefusal.Malformed("The externalAccountBinding payload is not a JWK.");
        }
        if (AcmeJwk.Parse(boundKey).Thumbprint != accountKey.Thumbprint)
            throw AcmeRefusal.Malformed("The externalAccountBinding binds another key than the one signing the request.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.Set<AcmeEabKey>().AsNoTracking().SingleOrDefaultAsync(k => k.KeyId == keyId && k.CaId == urls.CaId, ct);
        if (key is null || key.RevokedAt is not null)
            throw AcmeRefusal.Unauthorized("The EAB key id is unknown at this CA or was revoked.");
        var hmacKey = protector.UnprotectBytes(key.SealedHmacKey);
        var mac = alg switch
        {
            "HS256" => HMACSHA256.HashData(hmacKey, jws.SigningInput),
            "HS384" => HMACSHA384.HashData(hmacKey, jws.SigningInput),
            _ => HMACSHA512.HashData(hmacKey, jws.SigningInput),
        };
        if (!CryptographicOperations.FixedTimeEquals(mac, jws.Signature))
            throw AcmeRefusal.Unauthorized("The externalAccountBinding MAC is wrong: check the HMAC key (base64url, as the portal showed it).");
        if (key.AccountId is not null)
            throw AcmeRefusal.Unauthorized("This EAB key is already bound to an account; make a new key in the portal.");
        return key;
    }
}
