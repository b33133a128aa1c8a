namespace CertPortal.Features.Dashboard;

/// <summary>Where other slices add tiles to the dashboard (see <see cref="Components.PageSections"/>); a tile takes no parameters.</summary>
public static class DashboardPageSections
{
    public const string Page = "dashboard";
}
