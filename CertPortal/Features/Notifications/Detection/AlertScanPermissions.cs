using CertPortal.Security;

namespace CertPortal.Features.Notifications.Detection;

public static class AlertScanPermissions
{
    /// <summary>Run the alert scan now. A token limited to one customer scans that customer only.</summary>
    public const string Check = "notifications.check";

    public static readonly PermissionGrants Grants =
    [
        new(Check, [Roles.Admin]),
    ];
}
