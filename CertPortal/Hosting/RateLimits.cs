using System.Globalization;
using System.Threading.RateLimiting;
using CertPortal.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CertPortal.Hosting;

/// <summary>
/// ASP.NET's rate limiter: per address on the sign-in and setup forms, per token on /api/v1. Everything else, the
/// OCSP and CRL endpoints above all (built to be hammered, their answers cached), is not limited.
/// </summary>
public static class RateLimits
{
    // Form posts that guess a password or the setup token. The second-factor pages belong here as they arrive.
    private static readonly string[] GuessingPaths = ["/Account/Login", "/Account/LoginWith2fa", "/Account/PasskeyRequestOptions", "/setup"];

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.SignInPerMinute > 0 && o.ApiPerMinute > 0, "CertPortal:RateLimits values must be above zero.")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, limits) =>
        {
            var signIn = limits.Value.SignInPerMinute;
            var api = limits.Value.ApiPerMinute;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context) switch
            {
                (Kind.Guessing, var key) => RateLimitPartition.GetFixedWindowLimiter(key, _ => PerMinute(signIn)),
                (Kind.Api, var key) => RateLimitPartition.GetFixedWindowLimiter(key, _ => PerMinute(api)),
                _ => RateLimitPartition.GetNoLimiter(""),
            });
            o.OnRejected = RejectAsync;
        });
        return builder;
    }

    private enum Kind { None, Guessing, Api }

    private static (Kind, string) Partition(HttpContext context)
    {
        var request = context.Request;
        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "";
        if (HttpMethods.IsPost(request.Method) && GuessingPaths.Any(p => request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
            return (Kind.Guessing, "form:" + ip);
        if (request.Path.StartsWithSegments("/api/v1"))
            return context.User.FindFirst(PortalClaims.TokenId)?.Value is { } token ? (Kind.Api, "token:" + token) : (Kind.Api, "ip:" + ip);
        return (Kind.None, "");
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        // problem+json whatever the Accept header: a browser's form post gets the same answer as a script.
        await TypedResults.Problem(
            title: "Too many requests.",
            detail: $"This address or token sent too many requests. Try again in {seconds} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
    }
}
