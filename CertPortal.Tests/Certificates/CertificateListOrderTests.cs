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
    [InlineData("&sort=name&order=desc", "soon revoked renewed ordering later imported fine failed expired")]
    [InlineData("&sort=daysLeft&order=DESC", "renewed fine failed later imported soon revoked expired ordering")]
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

    [Fact]
    public async Task An_order_other_than_asc_or_desc_is_refused_naming_the_allowed_ones()
    {
        var api = portal.ApiClient(await portal.CreateTokenAsync("readonly"));

        var response = await api.GetAsync($"/api/v1/certificates?customerId={Data.CustomerId}&sort=name&order=sideways");

        var problem = await ProblemAssert.IsProblemAsync(response, System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("Allowed: asc, desc.", problem.Str("detail"));
    }
}
