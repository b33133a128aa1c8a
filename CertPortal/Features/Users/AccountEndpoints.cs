using CertPortal.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CertPortal.Features.Users;

internal static class AccountEndpoints
{
    /// <summary>
    /// POST /Account/Logout: a real form post with an antiforgery token, as the Identity template does. A new security
    /// stamp ends the session on the server too: the cookie, if copied, no longer passes <see cref="SignedOutSessions"/>.
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/Account/Logout", async (HttpContext context, SignInManager<AppUser> signIn, AuditLog audit) =>
        {
            var name = context.User.Identity?.Name;
            var user = await signIn.UserManager.GetUserAsync(context.User);
            if (name is not null)
                await audit.RecordAsync("user.sign-out", "User", user?.Id ?? name, $"{name} signed out.");
            if (user is not null)
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });
}
