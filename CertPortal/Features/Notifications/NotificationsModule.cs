using CertPortal.Security;

namespace CertPortal.Features.Notifications;

public static class NotificationsModule
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<PortalLinks>();
        services.AddSingleton<NotificationProgress>();
        services.AddSingleton<NotificationSender>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationSender>());
        services.AddScoped<NotificationDelivery>();
        services.AddScoped<IAlerts, NotificationQueue>();
        services.AddPermissions(NotificationPermissions.Grants);
        return builder;
    }

    public static WebApplication MapNotifications(this WebApplication app) => app;
}
