using CertPortal.Features.Certificates;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Security;
using Quartz;

namespace CertPortal.Features.Notifications.Detection;

/// <summary>Which alerts fire, and once: hooks on orders and runs, the alert scan job and its "check now" endpoint.</summary>
public static class DetectionModule
{
    public static IServiceCollection AddNotificationDetection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DetectionOptions>().BindConfiguration(DetectionOptions.Section)
            .Validate(o => o.ScanMinutes is > 0 and <= 1440, "CertPortal:Notifications:ScanMinutes must be 1..1440.")
            .Validate(o => o.KeepNotificationsDays is > 0 and <= 3650, "CertPortal:Notifications:KeepNotificationsDays must be 1..3650.")
            .ValidateOnStart();
        services.AddScoped<AlertLedger>();
        services.AddScoped<NotificationRetention>();
        services.AddScoped<AlertComposer>();
        services.AddScoped<ExpiryAlerts>();
        services.AddScoped<WaitingAlerts>();
        services.AddScoped<MismatchAlerts>();
        services.AddScoped<DailyDigest>();
        services.AddScoped<AlertScan>();
        services.AddScoped<ICertificateIssuanceFailedListener, CertificateAlerts>();
        services.AddScoped<ICertificateIssuedListener, CertificateAlerts>();
        services.AddScoped<IDeploymentRunListener, DeploymentAlerts>();
        services.AddPermissions(AlertScanPermissions.Grants);
        services.AddQuartz(q =>
        {
            q.AddJob<AlertScanJob>(j => j.WithIdentity(AlertScanJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(AlertScanJob.Key).WithIdentity("alert-scan", "notifications")
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(2))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(ScanMinutes(configuration))).RepeatForever()));
        });
        return services;
    }

    public static IEndpointRouteBuilder MapNotificationDetection(this IEndpointRouteBuilder app)
    {
        app.MapAlertScanEndpoints();
        return app;
    }

    private static int ScanMinutes(IConfiguration configuration) =>
        configuration.GetValue<int?>($"{DetectionOptions.Section}:{nameof(DetectionOptions.ScanMinutes)}") is { } m and > 0 and <= 1440 ? m : 15;
}
