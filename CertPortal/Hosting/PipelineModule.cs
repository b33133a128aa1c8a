using CertPortal.Api;
using CertPortal.Features.Users.SecondFactor;
using Serilog;

namespace CertPortal.Hosting;

public static class PipelineModule
{
    /// <summary>The request pipeline: errors as problem details under /api and a page elsewhere, auth, antiforgery.</summary>
    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages =>
            pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing after the status code pages, so a re-executed "/not-found" is routed to its page.
        app.UseRouting();
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetService<Serilog.ILogger>();
            o.GetLevel = (ctx, _, ex) =>
                ex is not null || ctx.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error : Serilog.Events.LogEventLevel.Debug;
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseSecondFactorEnrolment();
        // After authorization: a caller who may not call the endpoint hears 401/403 before its body is read.
        app.UseRequestBodyLimit();
        app.UseAntiforgery();
        return app;
    }
}
