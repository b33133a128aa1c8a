using System.Buffers.Text;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Users.SecondFactor;

/// <summary>
/// A person's own passkeys: register (through Identity's attestation), list with when each was last used, rename,
/// remove. Every change is audited; the WebAuthn work is Identity's.
/// </summary>
public sealed class PasskeyService(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IDbContextFactory<AppDbContext> dbFactory,
    AuditLog audit,
    TimeProvider clock)
{
    public const int MaxNameLength = 80;
    public const int MaxPasskeys = 20;
    private const string EntityType = "User";

    public async Task<IReadOnlyList<PasskeyView>> ListAsync(AppUser user, CancellationToken ct = default)
    {
        // Read through a context of its own, not the UserManager's: the Security page's panels load at the same
        // time, and one context must not serve two queries at once (PostgreSQL's driver refuses it).
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var passkeys = await db.Set<IdentityUserPasskey<string>>().AsNoTracking().Where(p => p.UserId == user.Id).ToListAsync(ct);
        var uses = await db.Set<PasskeyUse>().AsNoTracking().Where(u => u.UserId == user.Id).ToListAsync(ct);
        return passkeys
            .Select(p => new PasskeyView(Base64Url.EncodeToString(p.CredentialId), p.Data.Name ?? "Passkey", p.Data.CreatedAt.UtcDateTime,
                uses.FirstOrDefault(u => u.CredentialId.AsSpan().SequenceEqual(p.CredentialId))?.LastUsedAt))
            .OrderBy(p => p.CreatedAt)
            .ToList();
    }

    /// <summary>Checks the browser's answer to the creation options made for this person, and stores the passkey under <paramref name="name"/>.</summary>
    public async Task<Result<PasskeyView>> AddAsync(AppUser user, string? credentialJson, string? name, CancellationToken ct = default)
    {
        name = name?.Trim() ?? "";
        var check = new Validation().Require("name", name, "A name", MaxNameLength);
        if (string.IsNullOrEmpty(credentialJson))
            check.Add("passkey", "The browser sent no passkey.");
        if ((await users.GetPasskeysAsync(user)).Count >= MaxPasskeys)
            check.Add("passkey", $"At most {MaxPasskeys} passkeys: remove one first.");
        if (!check.IsValid)
            return await RefusedAsync(check.ToResult<PasskeyView>(), "user.passkey.add", user, ct);

        var attestation = await signIn.PerformPasskeyAttestationAsync(credentialJson!);
        if (!attestation.Succeeded || attestation.UserEntity.Id != user.Id)
            return await RefusedAsync(Result<PasskeyView>.Invalid("passkey",
                $"The passkey could not be registered: {attestation.Failure?.Message ?? "it was made for another account"}"), "user.passkey.add", user, ct);

        attestation.Passkey.Name = name;
        var added = await users.AddOrUpdatePasskeyAsync(user, attestation.Passkey);
        if (!added.Succeeded)
            return await RefusedAsync(Result<PasskeyView>.Invalid("passkey", string.Join(" ", added.Errors.Select(e => e.Description))), "user.passkey.add", user, ct);
        await audit.RecordAsync("user.passkey.add", EntityType, user.Id, $"{user.Email} registered passkey '{name}'.", ct: ct);
        return Result<PasskeyView>.Ok(new PasskeyView(Base64Url.EncodeToString(attestation.Passkey.CredentialId), name, attestation.Passkey.CreatedAt.UtcDateTime, null));
    }

    public async Task<Result<PasskeyView>> RenameAsync(AppUser user, string id, string? name, CancellationToken ct = default)
    {
        name = name?.Trim() ?? "";
        var check = new Validation().Require("name", name, "A name", MaxNameLength);
        if (!check.IsValid)
            return await RefusedAsync(check.ToResult<PasskeyView>(), "user.passkey.rename", user, ct);
        if (CredentialId(id) is not { } credentialId || await users.GetPasskeyAsync(user, credentialId) is not { } passkey)
            return Result<PasskeyView>.NotFound("No such passkey.");

        var old = passkey.Name;
        passkey.Name = name;
        await users.AddOrUpdatePasskeyAsync(user, passkey);
        await audit.RecordAsync("user.passkey.rename", EntityType, user.Id, $"{user.Email} renamed passkey '{old}' to '{name}'.", ct: ct);
        return Result<PasskeyView>.Ok(new PasskeyView(id, name, passkey.CreatedAt.UtcDateTime, null));
    }

    public async Task<Result<string>> RemoveAsync(AppUser user, string id, CancellationToken ct = default)
    {
        if (CredentialId(id) is not { } credentialId || await users.GetPasskeyAsync(user, credentialId) is not { } passkey)
            return Result<string>.NotFound("No such passkey.");
        var removed = await users.RemovePasskeyAsync(user, credentialId);
        if (!removed.Succeeded)
            return Result<string>.Conflict(string.Join(" ", removed.Errors.Select(e => e.Description)));
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await db.Set<PasskeyUse>().Where(u => u.CredentialId == credentialId).ExecuteDeleteAsync(ct);
        await audit.RecordAsync("user.passkey.remove", EntityType, user.Id, $"{user.Email} removed passkey '{passkey.Name}'.", ct: ct);
        return Result<string>.Ok(passkey.Name ?? "Passkey");
    }

    /// <summary>Notes that the passkey signed its owner in now.</summary>
    public async Task RecordUseAsync(AppUser user, byte[] credentialId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var use = await db.Set<PasskeyUse>().SingleOrDefaultAsync(u => u.CredentialId == credentialId, ct);
        if (use is null)
            db.Add(use = new PasskeyUse { CredentialId = credentialId, UserId = user.Id });
        use.LastUsedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    internal static byte[]? CredentialId(string? base64Url)
    {
        if (string.IsNullOrEmpty(base64Url) || base64Url.Length > 1400)
            return null;
        try { return Base64Url.DecodeFromChars(base64Url); }
        catch (FormatException) { return null; }
    }

    private async Task<Result<T>> RefusedAsync<T>(Result<T> result, string action, AppUser user, CancellationToken ct)
    {
        await audit.RecordAsync(action, EntityType, user.Id, $"Refused for {user.Email}: {result.Message}", AuditOutcome.Failure, ct: ct);
        return result;
    }
}
