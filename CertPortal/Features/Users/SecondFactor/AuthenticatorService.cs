using System.Text;
using CertPortal.Common;
using CertPortal.Features.Audit;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace CertPortal.Features.Users.SecondFactor;

/// <summary>
/// A person's authenticator app (TOTP, RFC 6238) through Identity's authenticator token provider: the key and its QR
/// code, enabling with a first code, ten one-time recovery codes shown once, turning it off. Every change is audited.
/// </summary>
public sealed class AuthenticatorService(UserManager<AppUser> users, IUserStore<AppUser> store, AuditLog audit)
{
    public const int RecoveryCodeCount = 10;
    private const string Issuer = "CertPortal";
    private const string EntityType = "User";

    public async Task<AuthenticatorSetup> SetupAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A first key is stored without Identity's reset, which would change the security stamp and so sign this
            // person out of every tab, including requests of this very page still in flight with the old cookie.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
            var saved = await users.UpdateAsync(user);
            if (!saved.Succeeded)
                throw new InvalidOperationException("The authenticator key was not saved: " + string.Join(" ", saved.Errors.Select(e => e.Description)));
        }
        var label = Uri.EscapeDataString($"{Issuer}:{user.Email}");
        var uri = $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(new System.Drawing.Size(220, 220), "#000000", "#ffffff", drawQuietZones: true,
            sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
        return new AuthenticatorSetup(Grouped(key), uri, svg);
    }

    /// <summary>Turns the authenticator on once a code from it checks out; the answer holds the ten recovery codes, to show once.</summary>
    public async Task<Result<IReadOnlyList<string>>> EnableAsync(AppUser user, string? code, CancellationToken ct = default)
    {
        var digits = new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (digits.Length is 0 or > 10 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            await audit.RecordAsync("user.totp.enable", EntityType, user.Id, $"Refused for {user.Email}: wrong authenticator code.", AuditOutcome.Failure, ct: ct);
            return Result<IReadOnlyList<string>>.Invalid("code", "That code is not right. Check the app shows CertPortal and the device's clock is correct.");
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await audit.RecordAsync("user.totp.enable", EntityType, user.Id, $"{user.Email} enabled an authenticator app ({codes.Count} recovery codes made).", ct: ct);
        return Result<IReadOnlyList<string>>.Ok(codes);
    }

    /// <summary>Ten new recovery codes; the old ones stop working.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(AppUser user, CancellationToken ct = default)
    {
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await audit.RecordAsync("user.totp.recovery-codes", EntityType, user.Id, $"{user.Email} made {codes.Count} new recovery codes.", ct: ct);
        return codes;
    }

    public Task<int> RecoveryCodesLeftAsync(AppUser user) => users.CountRecoveryCodesAsync(user);

    /// <summary>Turns the app off and forgets its key, so setting it up again needs a new QR code.</summary>
    public async Task DisableAsync(AppUser user, CancellationToken ct = default)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.RecordAsync("user.totp.disable", EntityType, user.Id, $"{user.Email} turned off their authenticator app.", ct: ct);
    }

    private static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        return text.ToString().TrimEnd().ToLowerInvariant();
    }
}
