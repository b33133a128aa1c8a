using CertPortal.Features.Settings;
using CertPortal.Security;
using Microsoft.AspNetCore.Identity;

namespace CertPortal.Features.Users.SecondFactor;

/// <summary>
/// What second factor a person has and whether the security settings require one of them. The users API and page
/// call <see cref="DescribeAsync"/>; sign-in and the enrolment gate call the rest.
/// </summary>
public sealed class SecondFactorStatus(UserManager<AppUser> users, ISecuritySettings settings)
{
    public const string None = "none";
    public const string Totp = "totp";
    public const string Passkey = "passkey";

    /// <summary>The sign-in claim of a person who must enrol (set by the Users slice's claims factory).</summary>
    public const string EnrolClaim = "certportal:enrol-second-factor";

    /// <summary>"totp" when an authenticator app is enabled (what sign-in asks for after a password), else "passkey" when any is registered, else "none".</summary>
    public Task<(string TwoFactor, int Passkeys)> DescribeAsync(AppUser user) => DescribeAsync(users, user);

    /// <inheritdoc cref="DescribeAsync(AppUser)"/>
    public static async Task<(string TwoFactor, int Passkeys)> DescribeAsync(UserManager<AppUser> users, AppUser user)
    {
        var passkeys = (await users.GetPasskeysAsync(user)).Count;
        var twoFactor = user.TwoFactorEnabled ? Totp : passkeys > 0 ? Passkey : None;
        return (twoFactor, passkeys);
    }

    public async Task<bool> IsRequiredAsync(AppUser user, CancellationToken ct = default) =>
        (await settings.GetAsync(ct)).RequiresSecondFactor(await users.IsInRoleAsync(user, Roles.Admin));

    /// <summary>Required and none set up: the person may only enrol until they have one.</summary>
    public async Task<bool> MustEnrolAsync(AppUser user, CancellationToken ct = default) =>
        await IsRequiredAsync(user, ct) && (await DescribeAsync(user)).TwoFactor == None;

    /// <summary>Required, no authenticator app, but passkeys: a password alone must not open the portal, the passkey must.</summary>
    public async Task<bool> NeedsPasskeyAsync(AppUser user, CancellationToken ct = default) =>
        !user.TwoFactorEnabled && await IsRequiredAsync(user, ct) && (await DescribeAsync(user)).Passkeys > 0;
}
