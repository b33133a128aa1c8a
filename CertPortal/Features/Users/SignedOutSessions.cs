using System.Security.Claims;
using CertPortal.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.Users;

/// <summary>
/// Checks the sign-in cookie's security stamp against the user's on every request, not once a minute: sign-out
/// changes the stamp, so a copied cookie replayed after sign-out is refused at once, as is one of a disabled user.
/// Identity's own validator then runs for its periodic refresh of roles and claims.
/// </summary>
internal static class SignedOutSessions
{
    public static async Task RejectStaleAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(context.HttpContext.RequestAborted);
        var current = userId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.IsDisabled }).SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (current is null || current.IsDisabled || stamp is null || current.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
