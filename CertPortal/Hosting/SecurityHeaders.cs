namespace CertPortal.Hosting;

/// <summary>
/// Security headers on every answer (pages, API, downloads, errors), added when the response starts so no branch of
/// the pipeline can miss them.
/// </summary>
public static class SecurityHeaders
{
    // Blazor Server needs no eval and no inline script (the import map is left out of App.razor for that reason).
    // MudBlazor writes style attributes and <style> elements, so styles alone allow 'unsafe-inline'. 'self' in
    // connect-src covers the circuit's ws:/wss: websocket on the same host (CSP level 3).
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The API reference page (Scalar) runs an inline bootstrap script; it shows no secret and takes no cookie action.
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    // Passkeys need the WebAuthn features for the portal's own origin; nothing else the browser offers is used.
    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), bluetooth=(), midi=(), " +
        "display-capture=(), publickey-credentials-get=(self), publickey-credentials-create=(self)";

    public const string StrictTransportSecurity = "max-age=31536000";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/docs") ? ApiReferencePolicy : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on form posts, and the passkey check
            // compares the Origin header with the credential's origin. Other sites still learn nothing.
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = PermissionsPolicy;
            // Only over https (directly or as a known proxy said): a browser ignores it over http anyway, and sending
            // it on a plain-http test port would pin nothing.
            if (context.Request.IsHttps)
                headers.StrictTransportSecurity = StrictTransportSecurity;
            return Task.CompletedTask;
        });
        return next(context);
    });
}
