using CertPortal.Components.Layout;
using CertPortal.Security;
using MudBlazor;

namespace CertPortal.Features.Audit;

public static class AuditModule
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<AuditQuery>();
        builder.Services.AddScoped<AuditSubjectNames>();
        builder.Services.AddPermissions(AuditPermissions.Grants);
        builder.Services.AddAuditRetention();
        builder.Services.AddNavEntry(new("Audit log", "audit", Icons.Material.Filled.History, 120, AuditPermissions.View));
        return builder;
    }

    public static WebApplication MapAudit(this WebApplication app)
    {
        app.MapAuditEndpoints();
        return app;
    }
}
