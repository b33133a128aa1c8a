using CertPortal.Security;

namespace CertPortal.Features.Dashboard.Reports;

public static class ReportPermissions
{
    /// <summary>Download the inventory CSV, open printable customer reports and the compliance view (a customer-scoped token: only its own).</summary>
    public const string View = "reports.view";

    public static readonly PermissionGrants Grants =
    [
        new(View, Roles.All),
    ];
}
