using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.Users.SecondFactor;

/// <summary>
/// Marks the sign-in of a person who must enrol a second factor and has none. The mark is recomputed at every sign-in,
/// refresh and security stamp check (each minute), so enrolling, a reset or a changed setting takes effect by itself.
/// </summary>
public sealed class SecondFactorClaimsFactory(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    SecondFactorStatus status) : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    public const string EnrolClaim = "certportal:enrol-second-factor";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (await status.MustEnrolAsync(user))
            identity.AddClaim(new Claim(EnrolClaim, "true"));
        return identity;
    }
}
