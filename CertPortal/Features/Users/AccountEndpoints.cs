using CertPortal.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CertPortal.Features.Users;

internal static class AccountEndpoints
{
    /// <summary>POST /Account/Logout: a real form post with an antiforgery token, as the Identity template does.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/Account/Logout", async (HttpContext context, SignInManager<AppUser> signIn, AuditLog audit) =>
        {
            var name = context.User.Identity?.Name;
            if (name is not null)
                await audit.RecordAsync("user.sign-out", "User", name, $"{name} signed out.");
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });
}
