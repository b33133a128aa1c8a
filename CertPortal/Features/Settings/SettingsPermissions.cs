using CertPortal.Security;

namespace CertPortal.Features.Settings;

public static class SettingsPermissions
{
    /// <summary>See and change portal-wide settings (SMTP, alert rules) and send a test mail; never through a token limited to one customer.</summary>
    public const string Manage = "settings.manage";

    public static readonly PermissionGrants Grants =
    [
        new(Manage, [Roles.Admin], AllowCustomerScoped: false),
    ];
}
