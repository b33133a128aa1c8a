using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Dashboard;

/// <summary>Every number of GET /api/v1/dashboard is the total of the list API filtered as its tile links to it.</summary>
public sealed class CountedListsApiTests(WatchPortal portal) : IClassFixture<WatchPortal>
{
    private WatchData Data => portal.Data;

    [Fact]
    public async Task Each_count_is_its_filtered_list_s_total()
    {
        var api = portal.ApiClient(await portal.CreateTokenAsync("readonly"));
        var dashboard = await (await api.GetAsync($"/api/v1/dashboard?customerId={Data.CustomerId}")).JsonAsync();
        var certificates = dashboard.GetProperty("certificates");
        var deployments = dashboard.GetProperty("deployments");
        var of = $"customerId={Data.CustomerId}";
        (string List, int Count)[] pairs =
        [
            ($"/api/v1/certificates?{of}", certificates.GetProperty("total").GetInt32()),
            ($"/api/v1/certificates?{of}&status=failed", certificates.GetProperty("byStatus").GetProperty("failed").GetInt32()),
            ($"/api/v1/certificates?{of}&status=expired", certificates.GetProperty("byStatus").GetProperty("expired").GetInt32()),
            ($"/api/v1/certificates?{of}&status=valid", certificates.GetProperty("byStatus").GetProperty("valid").GetInt32()),
            ($"/api/v1/certificates?{of}&expiring=7", certificates.GetProperty("expiringWithin7Days").GetInt32()),
            ($"/api/v1/certificates?{of}&expiring=30", certificates.GetProperty("expiringWithin30Days").GetInt32()),
            ($"/api/v1/certificates?{of}&expiring=60", certificates.GetProperty("expiringWithin60Days").GetInt32()),
            ($"/api/v1/deployments?{of}", deployments.GetProperty("bindings").GetInt32()),
            ($"/api/v1/deployments?{of}&attention=true&status=failed", deployments.GetProperty("failed").GetInt32()),
            ($"/api/v1/deployments?{of}&attention=true&status=rolled-back", deployments.GetProperty("rolledBack").GetInt32()),
            ($"/api/v1/deployments?{of}&attention=true&status=outdated", deployments.GetProperty("outdated").GetInt32()),
            ($"/api/v1/deployments?{of}&attention=true&status=waiting", deployments.GetProperty("awaitingPerson").GetInt32()),
            ($"/api/v1/client-certs?{of}&expiring=30", dashboard.GetProperty("clientCertificates").GetProperty("expiringWithin30Days").GetInt32()),
            ($"/api/v1/cas?{of}&expiring=30", dashboard.GetProperty("certificateAuthorities").GetProperty("expiringWithin30Days").GetInt32()),
        ];

        foreach (var (list, count) in pairs)
            Assert.True(count == (await (await api.GetAsync(list)).JsonAsync()).Total(), $"{list}: the dashboard says {count}");
        Assert.Equal([9, 1, 1, 5, 1, 3, 4, 5, 1, 1, 2, 1, 2, 1], pairs.Select(p => p.Count));
        Assert.Equal(4, (await (await api.GetAsync($"/api/v1/deployments?{of}&attention=true")).JsonAsync()).Total());
    }
}
