using CertPortal.Features.Settings;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CertPortal.Features.Users.Sessions;

/// <summary>
/// Gives each sign-in cookie the idle timeout from the security settings. The cookie slides: each request in the
/// second half of that time renews it for the same span, so only an idle session ends.
/// </summary>
internal static class IdleTimeoutCookie
{
    public static async Task ApplyAsync(CookieSigningInContext context)
    {
        var settings = await context.HttpContext.RequestServices.GetRequiredService<ISecuritySettings>().GetAsync(context.HttpContext.RequestAborted);
        var issued = context.Properties.IssuedUtc ?? context.Options.TimeProvider!.GetUtcNow();
        context.Properties.ExpiresUtc = issued + settings.IdleTimeout;
        context.Properties.AllowRefresh = true;
    }
}
