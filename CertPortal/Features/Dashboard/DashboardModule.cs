using CertPortal.Features.Dashboard.Attention;
using CertPortal.Features.Dashboard.Charts;
using CertPortal.Security;

namespace CertPortal.Features.Dashboard;

public static class DashboardModule
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<DashboardService>();
        services.AddScoped<GettingStarted.GettingStartedChecklist>();
        services.AddSingleton<OutcomeHistory>();
        services.AddScoped<AttentionList>();
        services.AddScoped<IAttentionList>(sp => sp.GetRequiredService<AttentionList>());
        services.AddPermissions(DashboardPermissions.Grants);
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapDashboardEndpoints();
        return app;
    }
}
