using CertPortal.Features.Users.ApiTokens;
using CertPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Prometheus;

namespace CertPortal.Features.Dashboard.Metrics;

public static class MetricsModule
{
    /// <summary>
    /// /metrics in Prometheus text format from the portal's own registry (one per portal, so two portals in one process
    /// never mix their counts): process figures, the certportal_* counters and the gauges read at scrape time.
    /// </summary>
    public static WebApplicationBuilder AddMetrics(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section);
        services.AddSingleton(_ =>
        {
            var registry = Prometheus.Metrics.NewCustomRegistry();
            DotNetStats.Register(registry);
            return registry;
        });
        services.AddSingleton<PortalMetrics>();
        services.AddSingleton<CertificateGauges>();
        services.AddPermissions(MetricsPermissions.Grants);
        return builder;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        // Created now, so every series is in the registry before the first scrape, not after the first renewal or run.
        app.Services.GetRequiredService<PortalMetrics>();
        app.Services.GetRequiredService<CertificateGauges>();
        var endpoint = MetricServerMiddlewareExtensions.MapMetrics(app, "/metrics", app.Services.GetRequiredService<CollectorRegistry>())
            .ExcludeFromDescription();
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.AllowAnonymous)
            endpoint.AllowAnonymous();
        else
            endpoint.RequireAuthorization(new AuthorizeAttribute(MetricsPermissions.View) { AuthenticationSchemes = ApiTokenAuthentication.Scheme });
        return app;
    }
}
