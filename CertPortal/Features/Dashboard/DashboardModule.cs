using CertPortal.Components.Layout;
using CertPortal.Features.Dashboard.Attention;
using CertPortal.Features.Dashboard.Charts;
using CertPortal.Security;
using MudBlazor;

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
        builder.Services.AddNavEntry(new("Dashboard", "", Icons.Material.Filled.Dashboard, 0, null, MatchAll: true));
        builder.Services.AddNavEntry(new("Reports", "reports/compliance", Icons.Material.Filled.Assessment, 110, Reports.ReportPermissions.View));
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapDashboardEndpoints();
        return app;
    }
}
