using System.Text.Json;
using CertPortal.Data;
using CertPortal.Features.AcmeServer.Eab;
using CertPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>newAccount (with onlyReturnExisting and EAB), account update and deactivation, the orders list, keyChange (RFC 8555 §7.3).</summary>
public sealed class AcmeAccounts(IDbContextFactory<AppDbContext> dbFactory, AcmeEabCheck eab, AuditLog audit, TimeProvider clock)
{
    public async Task<AcmeAnswer> NewAccountAsync(AcmeSignedRequest request, CancellationToken ct)
    {
        var payload = request.Payload();
        var urls = request.Urls;
        var thumbprint = request.Key.Thumbprint;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Set<AcmeServerAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.CaId == urls.CaId && a.Thumbprint == thumbprint, ct);
        if (existing is { Status: not AcmeStatus.Valid })
            throw AcmeRefusal.Unauthorized("The account with this key is deactivated.");
        if (existing is not null)
            return AcmeAnswer.Ok(AcmeResourceViews.Account(existing, urls), urls.Account(existing.Id));
        if (payload.TryGetProperty("onlyReturnExisting", out var only) && only.ValueKind == JsonValueKind.True)
            throw new AcmeRefusal("accountDoesNotExist", "No account has this key at this CA.");
        var contact = Contacts(payload);
        var key = await eab.CheckAsync(payload, request.Key, urls, ct);

        var account = new AcmeServerAccount
        {
            Id = Guid.NewGuid(), CaId = urls.CaId, CustomerId = key.CustomerId, EabKeyId = key.Id, JwkJson = request.Key.CanonicalJson,
            Thumbprint = thumbprint, Contact = contact, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(account);
        await db.SaveChangesAsync(ct);
        // Bound only if still unbound: two newAccount calls racing with one key make one account, the other is undone.
        var bound = await db.Set<AcmeEabKey>().Where(k => k.Id == key.Id && k.AccountId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.AccountId, account.Id), ct);
        if (bound == 0)
        {
            await db.Set<AcmeServerAccount>().Where(a => a.Id == account.Id).ExecuteDeleteAsync(ct);
            throw AcmeRefusal.Unauthorized("This EAB key is already bound to an account; make a new key in the portal.");
        }
        await audit.RecordAsync("acme-server.account", AcmeResponder.EntityType, account.Id.ToString(),
            $"New ACME account bound with EAB key '{key.Name}' ({key.KeyId}).", customerId: key.CustomerId, ct: ct);
        return new AcmeAnswer(201, AcmeResourceViews.Account(account, urls), Location: urls.Account(account.Id));
    }

    /// <summary>POST-as-GET reads the account; a payload may replace its contacts or deactivate it (§7.3.2, §7.3.6).</summary>
    public async Task<AcmeAnswer> AccountAsync(Guid id, AcmeSignedRequest request, CancellationToken ct)
    {
        var account = request.RequireAccount();
        if (account.Id != id)
            throw AcmeRefusal.Unauthorized("A request about an account must be signed by that account.");
        if (!request.Jws.IsPostAsGet)
        {
            var payload = request.Payload();
            if (payload.TryGetProperty("contact", out _))
                account.Contact = Contacts(payload);
            if (payload.TryGetProperty("status", out var status))
                account.Status = status.GetString() == AcmeStatus.Deactivated ? AcmeStatus.Deactivated
                    : throw AcmeRefusal.Malformed("An account's status can only be set to deactivated.");
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Update(account);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync("acme-server.account", AcmeResponder.EntityType, id.ToString(),
                $"ACME account {(account.Status == AcmeStatus.Deactivated ? "deactivated" : "updated")} by its key.", customerId: account.CustomerId, ct: ct);
        }
        return AcmeAnswer.Ok(AcmeResourceViews.Account(account, request.Urls), request.Urls.Account(id));
    }

    public async Task<AcmeAnswer> OrdersAsync(Guid id, AcmeSignedRequest request, CancellationToken ct)
    {
        if (request.RequireAccount().Id != id)
            throw AcmeRefusal.Unauthorized("Only the account itself may list its orders.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.Set<AcmeServerOrder>().Where(o => o.AccountId == id && o.Status != AcmeStatus.Invalid)
            .OrderByDescending(o => o.CreatedAt).Select(o => o.Id).Take(1000).ToListAsync(ct);
        return AcmeAnswer.Ok(new { orders = ids.Select(request.Urls.Order) });
    }

    /// <summary>Key rollover (§7.3.5): the inner JWS, signed by the new key, names the account and its old key.</summary>
    public async Task<AcmeAnswer> KeyChangeAsync(AcmeSignedRequest request, CancellationToken ct)
    {
        var account = request.RequireAccount();
        var urls = request.Urls;
        var inner = AcmeJws.Parse(request.Payload());
        if (inner.Jwk is not { } newJwk || inner.Kid is not null || inner.Url != urls.KeyChange || inner.Nonce is not null)
            throw AcmeRefusal.Malformed("The inner JWS must carry the new key as jwk, the keyChange url and no nonce.");
        var newKey = AcmeJwk.Parse(newJwk);
        if (inner.Alg is not { } alg || !AcmeJwk.Algorithms.Contains(alg) || !newKey.Verifies(alg, inner.SigningInput, inner.Signature))
            throw AcmeRefusal.Malformed("The inner JWS is not signed by the new key.");
        var change = inner.PayloadJson();
        if (!change.TryGetProperty("account", out var named) || named.GetString() != urls.Account(account.Id))
            throw AcmeRefusal.Malformed("The inner payload's account is not the account signing the request.");
        if (!change.TryGetProperty("oldKey", out var oldKey) || AcmeJwk.Parse(oldKey).Thumbprint != account.Thumbprint)
            throw AcmeRefusal.Malformed("The inner payload's oldKey is not the account's current key.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var holder = await db.Set<AcmeServerAccount>().AsNoTracking().Where(a => a.CaId == urls.CaId && a.Thumbprint == newKey.Thumbprint).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(ct);
        if (holder is { } other)
            throw new AcmeRefusal("conflict", "Another account already has the new key.", 409, urls.Account(other));
        account.JwkJson = newKey.CanonicalJson;
        account.Thumbprint = newKey.Thumbprint;
        db.Update(account);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("acme-server.key-change", AcmeResponder.EntityType, account.Id.ToString(), "ACME account key rolled over.", customerId: account.CustomerId, ct: ct);
        return AcmeAnswer.Ok(AcmeResourceViews.Account(account, urls), urls.Account(account.Id));
    }

    private static List<string> Contacts(JsonElement payload)
    {
        if (!payload.TryGetProperty("contact", out var contact) || contact.ValueKind == JsonValueKind.Null)
            return [];
        if (contact.ValueKind != JsonValueKind.Array || contact.GetArrayLength() > 10)
            throw AcmeRefusal.Malformed("contact must be an array of at most 10 mailto: URLs.");
        var list = contact.EnumerateArray().Select(c => c.GetString() ?? "").ToList();
        var bad = list.FirstOrDefault(c => !c.StartsWith("mailto:", StringComparison.Ordinal) || c.Length > 260 || !Common.Validation.IsEmailAddress(c[7..]));
        return bad is null ? list : throw new AcmeRefusal("invalidContact", $"'{bad}' is not a mailto: URL with one email address.");
    }
}
