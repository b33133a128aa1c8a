using CertPortal.Security;

namespace CertPortal.Features.Notifications;

public static class NotificationPermissions
{
    /// <summary>Read the notification log: what was sent to whom and how it went.</summary>
    public const string View = "notifications.view";

    /// <summary>Send a notification again.</summary>
    public const string Resend = "notifications.resend";

    /// <summary>Set up, change, delete and test webhook, Slack and Teams channels; a channel may serve every customer.</summary>
    public const string ManageChannels = "notifications.channels";

    public static readonly PermissionGrants Grants =
    [
        new(View, Roles.All),
        new(Resend, Roles.Workers),
        new(ManageChannels, [Roles.Admin], AllowCustomerScoped: false),
    ];
}
