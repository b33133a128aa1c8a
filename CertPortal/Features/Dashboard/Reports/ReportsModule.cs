using CertPortal.Security;

namespace CertPortal.Features.Dashboard.Reports;

public static class ReportsModule
{
    /// <summary>Inventory CSV, printable customer reports and the compliance view; they read other slices through their small read interfaces.</summary>
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ReportScope>();
        services.AddScoped<InventoryCsv>();
        services.AddScoped<CustomerReport>();
        services.AddScoped<ComplianceReport>();
        services.AddPermissions(ReportPermissions.Grants);
        return builder;
    }

    public static WebApplication MapReports(this WebApplication app)
    {
        app.MapReportEndpoints();
        return app;
    }
}
