using System.Text.Json;
using CertPortal.Features.Audit;
using Microsoft.AspNetCore.Identity;

namespace CertPortal.Features.Users.SecondFactor;

/// <summary>
/// Signs a person in with the browser's answer to a passkey request (Identity checks it), then refuses a disabled
/// account, notes the use and audits success and failure alike. Null means signed in; otherwise the message to show.
/// </summary>
public sealed class PasskeySignIn(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    PasskeyService passkeys,
    AuditLog audit,
    TimeProvider clock)
{
    public const string Refused = "That passkey did not sign you in.";

    public async Task<string?> SignInAsync(string? credentialJson, CancellationToken ct = default)
    {
        var credentialId = CredentialIdOf(credentialJson);
        var user = credentialId is null ? null : await users.FindByPasskeyIdAsync(credentialId);
        var result = credentialId is null ? SignInResult.Failed : await signIn.PasskeySignInAsync(credentialJson!);
        if (result.Succeeded && user is { IsDisabled: false })
        {
            user.LastSignInAt = clock.GetUtcNow().UtcDateTime;
            await users.UpdateAsync(user);
            await passkeys.RecordUseAsync(user, credentialId!, ct);
            var name = (await users.GetPasskeyAsync(user, credentialId!))?.Name;
            await audit.RecordAsync("user.sign-in", "User", user.Id, $"{user.Email} signed in with passkey '{name}'.", ct: ct);
            return null;
        }

        if (result.Succeeded)
            await signIn.SignOutAsync();
        if (result.IsLockedOut)
        {
            await audit.RecordAsync("user.sign-in", "User", user?.Id, $"Refused passkey sign-in of locked-out user {user?.Email}.", AuditOutcome.Denied, ct: ct);
            return Refused; // the same answer for every refusal, as with a password
        }
        await audit.RecordAsync("user.sign-in", "User", user?.Id,
            user is null ? "Failed sign-in with an unknown passkey." : $"Failed passkey sign-in for {user.Email}.", AuditOutcome.Failure, ct: ct);
        return Refused;
    }

    // The credential id names the passkey the browser used; Identity checks it against the signature.
    private static byte[]? CredentialIdOf(string? credentialJson)
    {
        if (string.IsNullOrEmpty(credentialJson) || credentialJson.Length > 64 * 1024)
            return null;
        try
        {
            using var json = JsonDocument.Parse(credentialJson);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? PasskeyService.CredentialId(id.GetString())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
