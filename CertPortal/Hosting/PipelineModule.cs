using CertPortal.Api;
using CertPortal.Features.Users.SecondFactor;
using Serilog;

namespace CertPortal.Hosting;

public static class PipelineModule
{
    /// <summary>What the pipeline needs configured: the reverse proxies to believe and the rate limits.</summary>
    public static WebApplicationBuilder AddPortalPipeline(this WebApplicationBuilder builder) =>
        builder.AddReverseProxy().AddRateLimits();

    /// <summary>The request pipeline: errors as problem details under /api and a page elsewhere, auth, antiforgery.</summary>
    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        app.UseReverseProxy();
        app.UseSecurityHeaders();
        // Request logging outside the exception handler, so it logs the status the client got: bad input a handler
        // turned into 400/413/415 is a Warning, not a 500 with a stack trace.
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetService<Serilog.ILogger>();
            o.GetLevel = (ctx, _, ex) => ex is not null || ctx.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
                : ctx.Response.StatusCode is 400 or 411 or 413 or 415 or 431 ? Serilog.Events.LogEventLevel.Warning
                : Serilog.Events.LogEventLevel.Debug;
        });
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages =>
            pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing after the status code pages, so a re-executed "/not-found" is routed to its page.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization, so an API call is counted against its token.
        app.UseRateLimiter();
        app.UseSecondFactorEnrolment();
        // After authorization: a caller who may not call the endpoint hears 401/403 before its body is read.
        app.UseRequestBodyLimit();
        app.UseAntiforgery();
        return app;
    }
}
