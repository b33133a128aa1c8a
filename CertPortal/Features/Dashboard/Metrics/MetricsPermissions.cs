using CertPortal.Security;

namespace CertPortal.Features.Dashboard.Metrics;

public static class MetricsPermissions
{
    /// <summary>Scrape /metrics. Never a token limited to one customer: the series span every customer.</summary>
    public const string View = "metrics.view";

    public static readonly PermissionGrants Grants =
    [
        new(View, Roles.All, AllowCustomerScoped: false),
    ];
}
