using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace CertPortal.Features.Users.SecondFactor;

/// <summary>
/// The two JSON answers the browser's passkey script asks for before it calls navigator.credentials: creation
/// options for the signed-in person, request options for anyone (for one account when an email is given, else
/// discoverable). Both are form-like posts with the page's antiforgery token in a header.
/// </summary>
internal static class PasskeyEndpoints
{
    public static void MapPasskeyEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/Account").ExcludeFromDescription();

        account.MapPost("/PasskeyCreationOptions", async (HttpContext context, UserManager<AppUser> users, SignInManager<AppUser> signIn, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.BadRequest();
            if (await users.GetUserAsync(context.User) is not { } user)
                return Results.NotFound();
            var name = user.Email ?? user.UserName ?? user.Id;
            var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity { Id = user.Id, Name = name, DisplayName = name });
            return Results.Content(options, "application/json");
        }).RequireAuthorization();

        account.MapPost("/PasskeyRequestOptions", async (HttpContext context, string? email, UserManager<AppUser> users, SignInManager<AppUser> signIn, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.BadRequest();
            var user = string.IsNullOrWhiteSpace(email) || email.Length > 256 ? null : await users.FindByEmailAsync(email.Trim());
            var options = await signIn.MakePasskeyRequestOptionsAsync(user);
            return Results.Content(options, "application/json");
        }).AllowAnonymous();
    }
}
