using System.Net;
using System.Text.Json;
using CertPortal.Common;
using CertPortal.Features.Dashboard.Attention;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Dashboard;

/// <summary>GET /api/v1/attention over seeded data: what is on the worklist, in which order, and who sees what.</summary>
public sealed class AttentionApiTests(WatchPortal portal) : IClassFixture<WatchPortal>
{
    private WatchData Data => portal.Data;

    [Fact]
    public async Task The_worklist_names_each_object_once_most_urgent_first_and_leaves_out_what_is_fine_or_revoked()
    {
        var api = portal.ApiClient(await portal.CreateTokenAsync("readonly"));

        var list = await (await api.GetAsync($"/api/v1/attention?customerId={Data.CustomerId}")).JsonAsync();

        var items = list.Items();
        var d = Data;
        (string Kind, string Severity, Guid Id)[] expected =
        [
            ("certificate.expired", "critical", d.Expired),
            ("certificate.expiring", "critical", d.Soon),
            ("client-certificate.expiring", "critical", d.RenewedClientCert),
            ("certificate.failed", "critical", d.Failed),
            ("deployment.failed", "critical", d.DeploymentFailed),
            ("deployment.rolled-back", "critical", d.DeploymentRolledBack),
            ("certificate.not-renewed", "warning", d.Imported),
            ("client-certificate.expiring", "warning", d.ClientCert),
            ("certificate.expiring", "warning", d.Later),
            ("ca.expiring", "warning", d.ExpiringCa),
            ("deployment.outdated", "warning", d.DeploymentOutdated),
            ("crl.stale", "warning", d.StaleCrlCa),
            ("deployment.waiting", "warning", d.DeploymentWaiting),
            ("dns.manual-record", "warning", d.Ordering),
        ];
        Assert.Equal(expected.Select(e => $"{e.Kind} {e.Severity} {e.Id}"), items.Select(i => $"{i.Str("kind")} {i.Str("severity")} {i.Str("objectId")}"));
        Assert.Equal(expected.Length, list.Total());
        Assert.All(items, i =>
        {
            Assert.Equal(Data.CustomerId.ToString(), i.Str("customerId"));
            Assert.Equal(Data.CustomerName, i.Str("customerName"));
            Assert.False(string.IsNullOrWhiteSpace(i.Str("title")));
            Assert.False(string.IsNullOrWhiteSpace(i.Str("detail")));
            Assert.EndsWith("Z", i.GetProperty("since").GetString());
        });
        var failed = items.Single(i => i.Str("objectId") == d.Failed.ToString());
        Assert.Equal("certificate", failed.Str("objectType"));
        Assert.Contains("The DNS provider timed out.", failed.Str("detail"));
        Assert.Equal($"certificates/{d.Failed}", failed.Str("url"));
        Assert.Contains("waits for a technician", items.Single(i => i.Str("kind") == "deployment.waiting").Str("title"));
        Assert.Contains("Imported", items.Single(i => i.Str("kind") == "certificate.not-renewed").Str("detail"));
        Assert.Equal("certificate", items.Single(i => i.Str("kind") == "dns.manual-record").Str("objectType"));
    }

    [Fact]
    public async Task Pages_of_the_worklist_follow_each_other()
    {
        var api = portal.ApiClient(await portal.CreateTokenAsync("technician"));
        var all = (await (await api.GetAsync($"/api/v1/attention?customerId={Data.CustomerId}")).JsonAsync()).Items().Select(Id).ToList();

        var first = await (await api.GetAsync($"/api/v1/attention?customerId={Data.CustomerId}&page=1&pageSize=5")).JsonAsync();
        var third = await (await api.GetAsync($"/api/v1/attention?customerId={Data.CustomerId}&page=3&pageSize=5")).JsonAsync();

        Assert.Equal(all.Take(5), first.Items().Select(Id));
        Assert.Equal(all.Skip(10), third.Items().Select(Id));
        Assert.Equal(all.Count, third.Total());
    }

    [Fact]
    public async Task Each_page_merged_from_the_sources_most_urgent_items_is_that_slice_of_the_whole_worklist()
    {
        using var scope = portal.Services.CreateScope();
        var worklist = scope.ServiceProvider.GetRequiredService<AttentionList>();
        var everyone = Actor.Job("attention-test");
        var all = await worklist.AllAsync(everyone, null, CancellationToken.None);

        var pages = new List<AttentionItem>();
        for (var page = 1; pages.Count < all.Count; page++)
        {
            var slice = await worklist.PageAsync(everyone, null, Paging.From(page, 3), CancellationToken.None);
            Assert.Equal(all.Count, slice.Total);
            Assert.Equal(all.Count(i => i.Severity == "critical"), slice.Critical);
            Assert.NotEmpty(slice.Items);
            pages.AddRange(slice.Items);
        }

        Assert.True(all.Count >= 14, $"the seed puts at least 14 items on the worklist, not {all.Count}");
        Assert.Equal(all, pages);
    }

    [Fact]
    public async Task A_token_of_one_customer_sees_only_its_own_items_and_nothing_of_another_customer()
    {
        var scoped = portal.ApiClient(await portal.CreateTokenAsync("readonly", Data.OtherCustomerId));
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));

        var own = await (await scoped.GetAsync("/api/v1/attention")).JsonAsync();
        var asksForOther = await (await scoped.GetAsync($"/api/v1/attention?customerId={Data.CustomerId}")).JsonAsync();
        var everything = await (await admin.GetAsync("/api/v1/attention?pageSize=200")).JsonAsync();

        var item = Assert.Single(own.Items());
        Assert.Equal(Data.OtherFailed.ToString(), item.Str("objectId"));
        Assert.Equal(Data.OtherCustomerName, item.Str("customerName"));
        Assert.Equal(0, asksForOther.Total());
        Assert.Empty(asksForOther.Items());
        Assert.Equal(15, everything.Total());
        Assert.Contains(everything.Items(), i => i.Str("objectId") == Data.OtherFailed.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await portal.ApiClient(null).GetAsync("/api/v1/attention")).StatusCode);
    }

    private static string Id(JsonElement item) => $"{item.Str("kind")}:{item.Str("objectId")}";
}
