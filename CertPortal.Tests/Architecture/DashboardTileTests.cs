using System.Text.RegularExpressions;
using CertPortal.Components;
using CertPortal.Features.Dashboard;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Architecture;

/// <summary>
/// The dashboard shows the tiles the slices register (<see cref="DashboardTiles"/>): its page names none of their
/// components or permissions, and each tile lives in the slice whose figures it counts.
/// </summary>
public sealed partial class DashboardTileTests
{
    [Fact]
    public void The_dashboard_page_names_no_slice_whose_tile_it_shows()
    {
        // The health table and the charts combine slices by design (GET /api/v1/dashboard); the page and its tile row do not.
        var pages = Path.Combine(RepositoryRoot.Path, "CertPortal", "Features", "Dashboard", "Pages");
        var files = new[] { "DashboardPage.razor", "CustomersTile.razor" }.Select(f => Path.Combine(pages, f));
        var offences = SourceMatches.Find(files, TileSliceReference());
        Assert.True(offences.Count == 0, "The dashboard names a slice that registers its own tile:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Each_slice_registers_its_tile_in_the_order_of_the_work()
    {
        using var portal = new PortalFactory();
        var tiles = portal.Service<PageSections>().On(DashboardTiles.Page).Select(t => t.Component.FullName).ToList();
        string?[] expected =
        [
            "CertPortal.Features.Certificates.Pages.CertificatesTile",
            "CertPortal.Features.Deployments.Pages.DeploymentsTile",
            "CertPortal.Features.ClientCerts.Pages.ClientCertsTile",
            "CertPortal.Features.CertificateAuthorities.Pages.CasTile",
            "CertPortal.Features.Endpoints.Pages.EndpointTile",
        ];
        Assert.Equal(expected, tiles.Take(expected.Length));
    }

    [GeneratedRegex(@"\b(Features\.(Certificates|Deployments|ClientCerts|CertificateAuthorities|Endpoints)\b|(Certificate|Deployment|ClientCert|Ca|Endpoint)Permissions)")]
    private static partial Regex TileSliceReference();
}
