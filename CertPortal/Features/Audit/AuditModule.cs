using CertPortal.Security;

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
        return builder;
    }

    public static WebApplication MapAudit(this WebApplication app)
    {
        app.MapAuditEndpoints();
        return app;
    }
}
