using System.Text.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Dashboard;

/// <summary>GET /api/v1/dashboard over seeded data: every count, each customer's health, the chart series, and scoping.</summary>
public sealed class DashboardApiTests(WatchPortal portal) : IClassFixture<WatchPortal>
{
    private WatchData Data => portal.Data;

    [Fact]
    public async Task The_dashboard_counts_what_was_seeded()
    {
        var api = portal.ApiClient(await portal.CreateTokenAsync("readonly"));

        var dashboard = await (await api.GetAsync("/api/v1/dashboard")).JsonAsync();

        var certificates = dashboard.GetProperty("certificates");
        Assert.Equal(10, certificates.GetProperty("total").GetInt32());
        var byStatus = certificates.GetProperty("byStatus");
        Assert.Equal(new Dictionary<string, int> { ["valid"] = 5, ["pending"] = 0, ["issuing"] = 1, ["renewing"] = 0, ["failed"] = 2, ["expired"] = 1, ["revoked"] = 1 },
            byStatus.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()));
        Assert.Equal(1, certificates.GetProperty("expiringWithin7Days").GetInt32());
        Assert.Equal(3, certificates.GetProperty("expiringWithin30Days").GetInt32());
        Assert.Equal(4, certificates.GetProperty("expiringWithin60Days").GetInt32());

        var deployments = dashboard.GetProperty("deployments");
        Assert.Equal(1, deployments.GetProperty("failed").GetInt32());
        Assert.Equal(1, deployments.GetProperty("rolledBack").GetInt32());
        Assert.Equal(2, deployments.GetProperty("outdated").GetInt32());
        Assert.Equal(1, deployments.GetProperty("awaitingPerson").GetInt32());
        Assert.Equal(5, deployments.GetProperty("bindings").GetInt32());
        Assert.Equal(2, dashboard.GetProperty("clientCertificates").GetProperty("expiringWithin30Days").GetInt32());
        Assert.Equal(1, dashboard.GetProperty("certificateAuthorities").GetProperty("expiringWithin30Days").GetInt32());

        var customers = dashboard.GetProperty("customers").EnumerateArray().ToArray();
        Assert.Equal([Data.CustomerId.ToString(), Data.OtherCustomerId.ToString()], customers.Select(c => c.Str("id")));
        Assert.Equal([Data.CustomerName, "failed", "9", "3"], Health(customers[0]));
        Assert.Equal([Data.OtherCustomerName, "failed", "1", "0"], Health(customers[1]));
        Assert.Equal(1, customers[0].GetProperty("deploymentsFailed").GetInt32());

        var weeks = dashboard.GetProperty("expiryTimeline").EnumerateArray().ToArray();
        Assert.Equal(13, weeks.Length);
        Assert.Equal(6, weeks.Sum(w => w.GetProperty("certificates").GetInt32()));
        Assert.True(weeks[0].GetProperty("certificates").GetInt32() >= 1, "the certificate ending in 5 days is in the first week");
        Assert.Equal((2, 1), Outcomes(dashboard.GetProperty("orders")));
        Assert.Equal((6, 2), Outcomes(dashboard.GetProperty("deploymentRuns")));
    }

    [Fact]
    public async Task A_token_of_one_customer_sees_only_its_customer_and_nothing_of_another()
    {
        var scoped = portal.ApiClient(await portal.CreateTokenAsync("readonly", Data.OtherCustomerId));

        var own = await (await scoped.GetAsync("/api/v1/dashboard")).JsonAsync();
        var other = await (await scoped.GetAsync($"/api/v1/dashboard?customerId={Data.CustomerId}")).JsonAsync();

        Assert.Equal(1, own.GetProperty("certificates").GetProperty("total").GetInt32());
        Assert.Equal(0, own.GetProperty("deployments").GetProperty("bindings").GetInt32());
        Assert.Equal([Data.OtherCustomerId.ToString()], own.GetProperty("customers").EnumerateArray().Select(c => c.Str("id")));
        Assert.Equal(0, other.GetProperty("certificates").GetProperty("total").GetInt32());
        Assert.Equal(0, other.GetProperty("deployments").GetProperty("failed").GetInt32());
        Assert.Empty(other.GetProperty("customers").EnumerateArray());
    }

    [Fact]
    public async Task One_customer_s_dashboard_counts_only_that_customer()
    {
        var api = portal.ApiClient(await portal.CreateTokenAsync("technician"));

        var dashboard = await (await api.GetAsync($"/api/v1/dashboard?customerId={Data.CustomerId}")).JsonAsync();

        Assert.Equal(9, dashboard.GetProperty("certificates").GetProperty("total").GetInt32());
        Assert.Equal(1, dashboard.GetProperty("certificates").GetProperty("byStatus").GetProperty("failed").GetInt32());
        Assert.Equal(5, dashboard.GetProperty("deployments").GetProperty("bindings").GetInt32());
        Assert.Equal([Data.CustomerId.ToString()], dashboard.GetProperty("customers").EnumerateArray().Select(c => c.Str("id")));
    }

    private static string[] Health(JsonElement customer) =>
        [customer.Str("name") ?? "", customer.Str("worstStatus") ?? "", customer.Str("certificates") ?? "", customer.Str("expiringWithin30Days") ?? ""];

    private static (int Succeeded, int Failed) Outcomes(JsonElement days) =>
        (days.EnumerateArray().Sum(d => d.GetProperty("succeeded").GetInt32()), days.EnumerateArray().Sum(d => d.GetProperty("failed").GetInt32()));
}
