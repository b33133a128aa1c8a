using System.Net;
using System.Net.Http.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Customers;

/// <summary>GET /api/v1/customers?sort=&amp;order=: by name (the default) or last update, either way; an unknown field refused.</summary>
public sealed class CustomerListSortTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Customers_sort_by_name_or_update_time_either_way()
    {
        var api = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var tag = PortalSeed.UniqueName("sorted");
        foreach (var name in new[] { "b", "c", "a" })
        {
            await api.PostAsJsonAsync("/api/v1/customers", new { name = $"{tag} {name}" });
            portal.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        async Task<string> Names(string query) => string.Join(" ",
            (await (await api.GetAsync($"/api/v1/customers?search={Uri.EscapeDataString(tag)}{query}")).JsonAsync()).Items().Select(c => c.Str("name")![^1..]));

        Assert.Equal("a b c", await Names(""));
        // The search ignores case: "SORTED" finds what is named "sorted-...".
        Assert.Equal(3, (await (await api.GetAsync($"/api/v1/customers?search={Uri.EscapeDataString(tag.ToUpperInvariant())}")).JsonAsync()).Items().Count());
        Assert.Equal("c b a", await Names("&sort=name&order=desc"));
        Assert.Equal("b c a", await Names("&sort=updated"));
        Assert.Equal("a c b", await Names("&sort=updated&order=desc"));
        var problem = await ProblemAssert.IsProblemAsync(await api.GetAsync("/api/v1/customers?sort=notes"), HttpStatusCode.BadRequest);
        Assert.Contains("Allowed: name, updated.", problem.Str("detail"));
    }
}
