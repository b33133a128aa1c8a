using CertPortal.Tests.Dashboard;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Certificates;

/// <summary>GET /api/v1/certificates orders "needs attention" first by default, and by days left, status or name when asked.</summary>
public sealed class CertificateListOrderTests(WatchPortal portal) : IClassFixture<WatchPortal>
{
    private WatchData Data => portal.Data;

    [Theory]
    [InlineData("", "failed expired soon imported later fine renewed ordering revoked")]
    [InlineData("&sort=attention", "failed expired soon imported later fine renewed ordering revoked")]
    [InlineData("&sort=daysLeft", "expired revoked soon imported later failed fine renewed ordering")]
    [InlineData("&sort=status", "failed expired ordering soon imported later fine renewed revoked")]
    [InlineData("&sort=name", "expired failed fine imported later ordering renewed revoked soon")]
    [InlineData("&sort=nonsense", "failed expired soon imported later fine renewed ordering revoked")]
    [InlineData("&expiring=30", "soon imported later")]
    [InlineData("&expiring=30&sort=name", "imported later soon")]
    [InlineData("&expiring=7&status=valid", "soon")]
    [InlineData("&status=valid&sort=name", "fine imported later renewed soon")]
    public async Task The_list_is_filtered_and_ordered_as_asked(string query, string expected)
    {
        var api = portal.ApiClient(await portal.CreateTokenAsync("readonly"));

        var list = await (await api.GetAsync($"/api/v1/certificates?customerId={Data.CustomerId}{query}")).JsonAsync();

        Assert.Equal(expected, string.Join(" ", list.Items().Select(c => c.Str("commonName")!.Split('.')[0])));
        Assert.Equal(expected.Split(' ').Length, list.Total());
    }
}
