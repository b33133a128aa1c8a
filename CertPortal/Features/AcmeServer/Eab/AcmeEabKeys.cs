using System.Security.Cryptography;
using CertPortal.Acme;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.ClientCerts;
using CertPortal.Pki;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.AcmeServer.Eab;

/// <summary>EAB keys' use cases; the page and /api/v1/acme-server/eab-keys both call these. Every attempt is audited, no HMAC ever is.</summary>
public sealed class AcmeEabKeys(IDbContextFactory<AppDbContext> dbFactory, ClientCertSigner signer, SecretProtector protector, AuditLog audit, TimeProvider clock)
{
    public const string EntityType = "AcmeEabKey";

    public async Task<IReadOnlyList<AcmeEabKeyView>> ListAsync(Guid? caId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<AcmeEabKey>().VisibleTo(actor).AsNoTracking();
        if (caId is { } id)
            query = query.Where(k => k.CaId == id);
        var keys = await query.OrderByDescending(k => k.CreatedAt).Take(1000).ToListAsync(ct);
        return keys.Select(k => ToView(k)).ToList();
    }

    /// <summary>Makes a key for a CA the person may sign with and a customer of that CA; the HMAC key is in this answer only.</summary>
    public async Task<Result<AcmeEabKeyView>> CreateAsync(AcmeEabKeyInput input, Actor actor, CancellationToken ct = default)
    {
        var check = new Validation().Require("name", input.Name, "Name", 200);
        var domains = (input.AllowedDomains ?? []).Select(d => d.Trim().TrimEnd('.').ToLowerInvariant()).Where(d => d.Length > 0).Distinct().ToList();
        foreach (var domain in domains.Where(d => !SubjectAlternativeNames.IsDnsName(d) || d.Contains('*')))
            check.Add("allowedDomains", $"'{domain}' is not a DNS name suffix such as example.com.");
        var keyTypes = (input.KeyTypes ?? []).Select(t => t.Trim().ToLowerInvariant()).Distinct().ToList();
        foreach (var type in keyTypes.Where(t => !PkiKeys.Types.Contains(t)))
            check.Add("keyTypes", $"'{type}' is not a key type; use {string.Join(", ", PkiKeys.Types)}.");
        var maxDays = input.MaxValidityDays ?? AcmeProfiles.DefaultValidityDays;
        if (maxDays is < 1 or > ClientCertOrder.MaxValidityDays)
            check.Add("maxValidityDays", $"The longest lifetime must be 1 to {ClientCertOrder.MaxValidityDays} days.");
        var opened = await signer.OpenAsync(input.CaId, input.CustomerId, actor, ct);
        if (!opened.IsOk)
            foreach (var (field, messages) in opened.Errors)
                check.Add(field, messages[0]);
        else
            opened.Value.Ca.Dispose();
        if (!check.IsValid)
        {
            var refused = check.ToResult<AcmeEabKeyView>();
            await audit.RecordAsync("acme-server.eab-key.create", EntityType, null, $"Refused: {string.Join(" ", refused.Errors.SelectMany(e => e.Value))}",
                AuditOutcome.Failure, input.CustomerId, ct);
            return refused;
        }
        var hmacKey = DrawForCommandLine(32);
        var key = new AcmeEabKey
        {
            Id = Guid.NewGuid(), CaId = input.CaId!.Value, CustomerId = opened.Value.CustomerId, Name = input.Name!.Trim(),
            KeyId = Base64Url.Encode(DrawForCommandLine(16)), SealedHmacKey = protector.Protect(hmacKey),
            AllowedDomains = domains, KeyTypes = keyTypes, MaxValidityDays = maxDays, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Add(key);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("acme-server.eab-key.create", EntityType, key.Id.ToString(),
            $"Made EAB key '{key.Name}' ({key.KeyId}) for CA {key.CaId}" + (domains.Count > 0 ? $", domains {string.Join(", ", domains)}" : "") + $", up to {maxDays} days.",
            customerId: key.CustomerId, ct: ct);
        return Result<AcmeEabKeyView>.Ok(ToView(key, Base64Url.Encode(hmacKey)));
    }

    /// <summary>Revokes the key: no new account binds with it, and the account it bound orders nothing more.</summary>
    public async Task<Result<AcmeEabKeyView>> RevokeAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.Set<AcmeEabKey>().VisibleTo(actor).SingleOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
            return Result<AcmeEabKeyView>.NotFound("No such EAB key.");
        if (key.RevokedAt is not null)
        {
            await audit.RecordAsync("acme-server.eab-key.revoke", EntityType, id.ToString(), "Refused: the key is already revoked.", AuditOutcome.Failure, key.CustomerId, ct);
            return Result<AcmeEabKeyView>.Conflict("This EAB key is already revoked.");
        }
        key.RevokedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("acme-server.eab-key.revoke", EntityType, id.ToString(), $"Revoked EAB key '{key.Name}' ({key.KeyId}).", customerId: key.CustomerId, ct: ct);
        return Result<AcmeEabKeyView>.Ok(ToView(key));
    }

    private static AcmeEabKeyView ToView(AcmeEabKey k, string? hmacKey = null) => new(k.Id, k.CaId, k.CustomerId, k.Name, k.KeyId, k.AllowedDomains, k.KeyTypes,
        k.MaxValidityDays, k.AccountId is not null, k.CreatedAt, k.RevokedAt, $"/acme/{k.CaId}/directory", hmacKey);

    // Both values are pasted after a command-line flag (certbot's --eab-kid and --eab-hmac-key, lego's --kid and
    // --hmac): one whose base64url starts with '-' is taken for another flag there, so such a draw is drawn again.
    private static byte[] DrawForCommandLine(int bytes)
    {
        while (true)
        {
            var value = RandomNumberGenerator.GetBytes(bytes);
            if (Base64Url.Encode(value)[0] != '-')
                return value;
        }
    }
}
