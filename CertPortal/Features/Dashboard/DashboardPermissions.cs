using CertPortal.Security;

namespace CertPortal.Features.Dashboard;

public static class DashboardPermissions
{
    /// <summary>See the dashboard and the worklist (a customer-scoped token: only its customer's).</summary>
    public const string View = "dashboard.view";

    public static readonly PermissionGrants Grants =
    [
        new(View, Roles.All),
    ];
}
