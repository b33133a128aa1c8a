using CertPortal.Components;
using CertPortal.Components.Layout;
using CertPortal.Data.Progress;
using CertPortal.Features.Dashboard;
using CertPortal.Features.Dashboard.Attention;
using CertPortal.Features.Endpoints.Pages;
using CertPortal.Features.Endpoints.Scans;
using CertPortal.Features.Endpoints.Watching;
using CertPortal.Security;
using MudBlazor;
using Quartz;

namespace CertPortal.Features.Endpoints;

/// <summary>Endpoint discovery (scans) and watching (docs/discovery.md).</summary>
public static class EndpointsModule
{
    public static WebApplicationBuilder AddEndpointWatching(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DiscoveryOptions>().Bind(builder.Configuration.GetSection(DiscoveryOptions.Section))
            .Validate(o => o is { MaxConcurrency: > 0, ConnectsPerSecond: > 0, ConnectTimeoutMilliseconds: > 0, HandshakeTimeoutMilliseconds: > 0, MaxPairs: > 0, MaxPorts: > 0 },
                "CertPortal:Discovery limits must all be positive.")
            .ValidateOnStart();
        services.AddSingleton<TlsProbe>();
        services.AddSingleton<EndpointLooker>();
        services.AddScoped<EndpointChecker>();
        services.AddScoped<EndpointAlerts>();
        services.AddScoped<EndpointService>();
        services.AddScoped<EndpointFigures>();
        services.AddScoped<BindingEndpointSync>();
        services.AddScoped<DiscoveryService>();
        services.AddScoped<DiscoveryScanner>();
        services.AddScoped<IAttentionSource, EndpointAttention>();
        services.AddRelayedProgress<ScanProgress>();
        services.AddRelayedProgress<EndpointProgress>();
        services.AddSingleton<DiscoveryQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<DiscoveryQueue>());
        services.AddPermissions(EndpointPermissions.Grants);
        services.AddPageSection<EndpointTile>(DashboardTiles.Page, order: 50, EndpointPermissions.View);
        services.AddQuartz(q =>
        {
            q.AddJob<EndpointCheckJob>(j => j.WithIdentity(EndpointCheckJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(EndpointCheckJob.Key).WithIdentity("endpoint-check", "endpoints")
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(45)).WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(15)).RepeatForever()));
        });
        services.AddNavEntry(new("Discovery", "discovery", Icons.Material.Filled.Radar, 72, EndpointPermissions.View));
        services.AddNavEntry(new("Endpoints", "endpoints", Icons.Material.Filled.Lan, 74, EndpointPermissions.View));
        return builder;
    }

    public static WebApplication MapEndpointWatching(this WebApplication app)
    {
        app.MapDiscoveryApi();
        app.MapEndpointApi();
        return app;
    }
}
