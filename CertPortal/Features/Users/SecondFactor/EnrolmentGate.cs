namespace CertPortal.Features.Users.SecondFactor;

/// <summary>
/// Keeps a person who must enrol a second factor (see <see cref="SecondFactorStatus.EnrolClaim"/>) on the security page:
/// every other page leads there, anything else answers 403 (the API takes tokens, not this cookie). Sign-out, the account pages and static files stay reachable.
/// </summary>
public sealed class EnrolmentGate(RequestDelegate next)
{
    public const string EnrolPath = "/Account/Security";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.User.HasClaim(c => c.Type == SecondFactorStatus.EnrolClaim) || IsAllowed(context.Request.Path))
            return next(context);
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/_blazor"))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }
        context.Response.Redirect(EnrolPath);
        return Task.CompletedTask;
    }

    private static bool IsAllowed(PathString path) =>
        path.StartsWithSegments("/Account") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/_framework") ||
        Path.HasExtension(path.Value);
}
