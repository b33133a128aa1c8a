using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;

namespace CertPortal.Tests.Certificates;

/// <summary>GET /api/v1/certificates?sort=customer: by the customer's name (from the Customers slice), then by name.</summary>
public sealed class CertificateListCustomerSortTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Certificates_sort_by_their_customers_name_either_way()
    {
        var tag = PortalSeed.UniqueName("owner");
        var zulu = await portal.SeedCustomerAsync($"Zulu {tag}");
        var alpha = await portal.SeedCustomerAsync($"Alpha {tag}");
        foreach (var (customer, name) in new[] { (zulu.Id, "a"), (alpha.Id, "c"), (zulu.Id, "b"), (alpha.Id, "d") })
        {
            using var chain = new TestChain($"{name}-{tag}.owner.test");
            await portal.ImportAsync(customer, chain);
        }
        var api = portal.ApiClient(await portal.CreateTokenAsync("readonly"));

        async Task<string> Order(string query) => string.Join(" ", (await (await api.GetAsync($"/api/v1/certificates?search={tag}&pageSize=200{query}")).JsonAsync())
            .Items().Select(c => c.Str("commonName")![..1]));

        Assert.Equal("c d a b", await Order("&sort=customer"));
        Assert.Equal("a b c d", await Order("&sort=customer&order=desc"));
    }
}
