using CertPortal.Components.Layout;
using CertPortal.Features.Customers;
using CertPortal.Features.Targets.Connectors;
using CertPortal.Security;
using MudBlazor;

namespace CertPortal.Features.Targets;

public static class TargetsModule
{
    public static WebApplicationBuilder AddTargets(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ITargetConnector, WebhookConnector>();
        services.AddSingleton<ITargetConnector, SshConnector>();
        services.AddSingleton<ITargetConnector, FortiGateConnector>();
        services.AddSingleton<ITargetConnector, PanOsConnector>();
        services.AddSingleton<ITargetConnector, SonicWallConnector>();
        services.AddSingleton<ITargetConnector, ManualConnector>();
        services.AddSingleton<ITargetConnector, IisConnector>();
        services.AddSingleton<TargetConnectors>();
        services.AddScoped<TargetService>();
        services.AddScoped<ITargetAccess, TargetAccess>();
        services.AddScoped<CertPortal.Features.Audit.IAuditSubjects, TargetAuditSubjects>();
        services.AddScoped<ICustomerDependents, TargetCustomerDependents>();
        services.AddPermissions(TargetPermissions.Grants);
        builder.Services.AddNavEntry(new("Targets", "targets", Icons.Material.Filled.Router, 60, TargetPermissions.View));
        return builder;
    }

    public static WebApplication MapTargets(this WebApplication app)
    {
        app.MapTargetEndpoints();
        return app;
    }
}
