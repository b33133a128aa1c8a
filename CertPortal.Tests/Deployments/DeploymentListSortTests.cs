using CertPortal.Tests.Certificates;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;

namespace CertPortal.Tests.Deployments;

/// <summary>
/// GET /api/v1/deployments?sort=certificate|target|customer: the binding list orders by names other slices own,
/// each handed out by its slice as a query, in the list and in its "needs attention" view.
/// </summary>
public sealed class DeploymentListSortTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Bindings_sort_by_their_certificates_targets_or_customers_name()
    {
        var tag = PortalSeed.UniqueName("bind");
        var zulu = await portal.SeedCustomerAsync($"Zulu {tag}");
        var alpha = await portal.SeedCustomerAsync($"Alpha {tag}");
        // Bound in this order; each column orders them differently.
        var one = await SeedAsync(zulu.Id, $"a-{tag}.sort.test", "Target B");
        var two = await SeedAsync(alpha.Id, $"c-{tag}.sort.test", "Target A");
        var three = await SeedAsync(zulu.Id, $"b-{tag}.sort.test", "Target C");
        var api = portal.ApiClient(await portal.CreateTokenAsync("readonly"));
        var ids = new Dictionary<string, string> { [one] = "one", [two] = "two", [three] = "three" };

        async Task<string> Order(string query) => string.Join(" ",
            (await (await api.GetAsync($"/api/v1/deployments?pageSize=200&{query}")).JsonAsync()).Items().Select(d => d.Str("id")!).Where(ids.ContainsKey).Select(id => ids[id]));

        Assert.Equal("one two three", await Order(""));
        Assert.Equal("one three two", await Order("sort=certificate"));
        Assert.Equal("two three one", await Order("sort=certificate&order=desc"));
        Assert.Equal("two one three", await Order("sort=target"));
        Assert.Equal("three one two", await Order("sort=target&order=desc"));
        Assert.Equal("two one three", await Order("sort=customer"));
        Assert.Equal("one three two", await Order("sort=customer&order=desc"));
        // Never run, so each needs a first run: the attention view orders the same way.
        Assert.Equal("two one three", await Order("attention=true&sort=target"));
        Assert.Equal("one three two", await Order("attention=true&sort=certificate"));
    }

    private async Task<string> SeedAsync(Guid customerId, string commonName, string targetName)
    {
        using var chain = new TestChain(commonName);
        var certificate = await portal.ImportAsync(customerId, chain);
        var target = await portal.SeedManualTargetAsync(customerId, $"{targetName} {commonName}");
        return (await portal.BindAsync(certificate.Id, target.Id)).Id.ToString();
    }
}
