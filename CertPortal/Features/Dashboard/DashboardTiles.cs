namespace CertPortal.Features.Dashboard;

/// <summary>
/// Where slices add their tiles to the dashboard (see <see cref="Components.PageSections"/>): each tile counts its own
/// slice's figures for the person looking and links every number to the list it counts. The dashboard's own tile
/// (customers' health, which combines slices) follows them.
/// </summary>
public static class DashboardTiles
{
    public const string Page = "dashboard";
}
