using System.Text.Json;
using CertPortal.Features.Targets;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Targets;

/// <summary>
/// GET /api/v1/targets?sort=: the Type column sorts by the vendor name it shows, not the stored code, and the Customer
/// column by the customer's name, which the Customers slice provides as a query.
/// </summary>
public sealed class TargetListSortTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Type_sorts_by_the_vendor_name_shown_not_by_the_code()
    {
        var customer = await portal.SeedCustomerAsync();
        // Codes sort manual < ssh < webhook; the names shown sort "Linux or Unix host" < "Manual" < "Webhook".
        await portal.SeedManualTargetAsync(customer.Id, "Checklist");
        await portal.SeedWebhookTargetAsync(customer.Id, "Hook", "http://127.0.0.1:9/hook", 9443, "hook.test");
        await SeedSshTargetAsync(customer.Id, "Web server");
        var api = portal.ApiClient(await portal.CreateTokenAsync("readonly"));

        Assert.Equal("Web server Checklist Hook", await NamesAsync(api, $"customerId={customer.Id}&sort=type"));
        Assert.Equal("Hook Checklist Web server", await NamesAsync(api, $"customerId={customer.Id}&sort=type&order=desc"));
        var problem = await ProblemAssert.IsProblemAsync(await api.GetAsync("/api/v1/targets?sort=vendor"), System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("Allowed: name, type, updated, customer.", problem.Str("detail"));
    }

    [Fact]
    public async Task Customer_sorts_by_the_customers_name_either_way()
    {
        var tag = PortalSeed.UniqueName("owners");
        var zulu = await portal.SeedCustomerAsync($"Zulu {tag}");
        var alpha = await portal.SeedCustomerAsync($"Alpha {tag}");
        var mike = await portal.SeedCustomerAsync($"Mike {tag}");
        await portal.SeedManualTargetAsync(zulu.Id, $"{tag} one");
        await portal.SeedManualTargetAsync(alpha.Id, $"{tag} two");
        await portal.SeedManualTargetAsync(mike.Id, $"{tag} three");
        var api = portal.ApiClient(await portal.CreateTokenAsync("readonly"));

        async Task<string> Ours(string query) => string.Join(" ", (await NamesAsync(api, query)).Split(' ').Where(w => w is "one" or "two" or "three"));

        Assert.Equal("two three one", await Ours("pageSize=200&sort=customer"));
        Assert.Equal("one three two", await Ours("pageSize=200&sort=customer&order=desc"));
    }

    private static async Task<string> NamesAsync(HttpClient api, string query) =>
        string.Join(" ", (await (await api.GetAsync($"/api/v1/targets?{query}")).JsonAsync()).Items().Select(t => t.Str("name")));

    private Task<TargetView> SeedSshTargetAsync(Guid customerId, string name) =>
        portal.InScopeAsync(async sp =>
        {
            var settings = new Dictionary<string, JsonElement>
            {
                ["host"] = JsonSerializer.SerializeToElement("127.0.0.1"), ["username"] = JsonSerializer.SerializeToElement("deploy"),
                ["certPath"] = JsonSerializer.SerializeToElement("/etc/ssl/site.crt"), ["keyPath"] = JsonSerializer.SerializeToElement("/etc/ssl/site.key"),
                ["reloadCommand"] = JsonSerializer.SerializeToElement("systemctl reload nginx"),
            };
            var result = await sp.GetRequiredService<TargetService>().CreateAsync(
                new TargetInput(customerId, name, "ssh", settings, new Dictionary<string, string?> { ["password"] = "not-used" }), Actor.CommandLine("test"));
            return result.Value ?? throw new InvalidOperationException(result.Message);
        });
}
