using System.Security.Claims;
using CertPortal.Features.Users.SecondFactor;
using CertPortal.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.Users;

/// <summary>
/// The portal's own claims in a sign-in (Identity uses one factory, so both live here): a limited person's customers,
/// one claim each, where <see cref="Actor"/> reads them; and the mark of a person who must enrol a second factor and
/// has none (<see cref="EnrolmentGate"/>). Both are recomputed at every sign-in, refresh and security stamp check
/// (each minute), so changed customers, enrolling, a reset or a changed setting take effect by themselves.
/// </summary>
internal sealed class UserClaimsFactory(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    SecondFactorStatus status) : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.CustomerIds.Count > 0 && !identity.HasClaim(identity.RoleClaimType, Roles.Admin))
            foreach (var customerId in user.CustomerIds)
                identity.AddClaim(new Claim(PortalClaims.CustomerScope, customerId.ToString()));
        if (await status.MustEnrolAsync(user))
            identity.AddClaim(new Claim(SecondFactorStatus.EnrolClaim, "true"));
        return identity;
    }
}
