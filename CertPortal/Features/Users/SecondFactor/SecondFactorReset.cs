using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Users.SecondFactor;

/// <summary>
/// An admin clears a person's second factor (authenticator app, recovery codes and passkeys), e.g. after a lost phone.
/// Their sessions end within a minute; if one is required they are led to enrol again at the next sign-in.
/// </summary>
public sealed class SecondFactorReset(IServiceScopeFactory scopes, IDbContextFactory<AppDbContext> dbFactory, AuditLog audit)
{
    public async Task<Result<string>> ResetAsync(string userId, CancellationToken ct = default)
    {
        // Its own scope: the users page lives in a long circuit, and Identity's store must not keep stale users.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            await audit.RecordAsync("user.second-factor.reset", "User", userId, "Refused: no such user.", AuditOutcome.Failure, ct: ct);
            return Result<string>.NotFound("No such user.");
        }
        var passkeys = await users.GetPasskeysAsync(user);
        foreach (var passkey in passkeys)
            await users.RemovePasskeyAsync(user, passkey.CredentialId);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await db.Set<PasskeyUse>().Where(u => u.UserId == user.Id).ExecuteDeleteAsync(ct);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync("user.second-factor.reset", "User", user.Id,
            $"Reset the second factor of {user.Email}: authenticator app off, recovery codes and {passkeys.Count} passkey(s) removed.", ct: ct);
        return Result<string>.Ok(user.Email ?? user.Id);
    }
}
