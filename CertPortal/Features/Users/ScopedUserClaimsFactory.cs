using System.Security.Claims;
using CertPortal.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.Users;

/// <summary>
/// Puts a limited person's customers into their sign-in (one claim per customer), where <see cref="Actor"/> reads
/// them. Changing the customers changes the security stamp, so the sign-in is rebuilt within a minute.
/// </summary>
internal sealed class ScopedUserClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.CustomerIds.Count > 0 && !identity.HasClaim(identity.RoleClaimType, Roles.Admin))
            foreach (var customerId in user.CustomerIds)
                identity.AddClaim(new Claim(PortalClaims.CustomerScope, customerId.ToString()));
        return identity;
    }
}
