using CertPortal.Components.Layout;
using CertPortal.Data.Progress;
using CertPortal.Features.Notifications.Channels;
using CertPortal.Features.Notifications.Detection;
using CertPortal.Security;
using MudBlazor;

namespace CertPortal.Features.Notifications;

public static class NotificationsModule
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<PortalLinks>();
        services.AddRelayedProgress<NotificationProgress>();
        services.AddSingleton<NotificationSender>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationSender>());
        services.AddScoped<NotificationDelivery>();
        services.AddScoped<IAlerts, NotificationQueue>();
        services.AddScoped<NotificationLog>();

        // No redirects (a POST turned into a GET elsewhere is not a delivery) and no request logging: the client's
        // log lines carry the URL, and a Slack or Teams URL is a secret.
        services.AddHttpClient(ChannelHttp.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();
        services.AddSingleton<ChannelHttp>();
        services.AddSingleton<IChannelSender, WebhookChannel>();
        services.AddSingleton<IChannelSender, SlackChannel>();
        services.AddSingleton<IChannelSender, TeamsChannel>();
        services.AddSingleton<ChannelSenders>();
        services.AddScoped<ChannelDirectory>();
        services.AddScoped<ChannelTest>();
        services.AddScoped<ChannelService>();
        services.AddScoped<CertPortal.Features.Audit.IAuditSubjects, ChannelAuditSubjects>();
        services.AddPermissions(NotificationPermissions.Grants);
        services.AddNotificationDetection(builder.Configuration);
        builder.Services.AddNavEntry(new("Notifications", "notifications", Icons.Material.Filled.Notifications, 100, NotificationPermissions.View, MatchAll: true));
        builder.Services.AddNavEntry(new("Notification channels", "notifications/channels", Icons.Material.Filled.Campaign, 240, NotificationPermissions.ManageChannels, NavEntry.Administration));
        return builder;
    }

    public static WebApplication MapNotifications(this WebApplication app)
    {
        app.MapNotificationEndpoints();
        app.MapChannelEndpoints();
        app.MapNotificationDetection();
        return app;
    }
}
