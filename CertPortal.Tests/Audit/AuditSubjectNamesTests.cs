using System.Net;
using System.Net.Http.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Audit;

/// <summary>GET /api/v1/audit names each entry's object (entityName, entityUrl) and sorts on request.</summary>
public sealed class AuditSubjectNamesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_entry_names_its_object_and_links_it_while_it_exists_and_keeps_its_quoted_name_once_deleted()
    {
        var client = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var kept = PortalSeed.UniqueName("Kept Customer");
        var gone = PortalSeed.UniqueName("Gone Customer");
        var keptId = (await (await client.PostAsJsonAsync("/api/v1/customers", new { name = kept })).JsonAsync(HttpStatusCode.Created)).Str("id");
        var goneId = (await (await client.PostAsJsonAsync("/api/v1/customers", new { name = gone })).JsonAsync(HttpStatusCode.Created)).Str("id");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/customers/{goneId}")).StatusCode);

        var keptEntry = Assert.Single((await (await client.GetAsync($"/api/v1/audit?entityId={keptId}")).JsonAsync()).Items());
        Assert.Equal(kept, keptEntry.Str("entityName"));
        Assert.Equal($"customers/{keptId}", keptEntry.Str("entityUrl"));
        Assert.Equal(keptId, keptEntry.Str("entityId"));

        var goneEntries = (await (await client.GetAsync($"/api/v1/audit?entityId={goneId}")).JsonAsync()).Items();
        Assert.Equal(2, goneEntries.Length);
        Assert.All(goneEntries, e => Assert.Equal(gone, e.Str("entityName")));
        Assert.All(goneEntries, e => Assert.Null(e.Str("entityUrl")));
    }

    [Fact]
    public async Task The_log_sorts_by_a_named_field_and_refuses_an_unknown_one_naming_the_allowed_fields()
    {
        var client = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        await client.PostAsJsonAsync("/api/v1/customers", new { name = PortalSeed.UniqueName("Sorted Customer") });

        var byAction = (await (await client.GetAsync("/api/v1/audit?sort=action&order=asc&pageSize=200")).JsonAsync()).Items().Select(e => e.Str("action")!).ToList();
        Assert.Equal(byAction.Order(StringComparer.Ordinal), byAction);
        var byActionDesc = (await (await client.GetAsync("/api/v1/audit?sort=action&order=desc&pageSize=200")).JsonAsync()).Items().Select(e => e.Str("action")!).ToList();
        Assert.Equal(byActionDesc.OrderDescending(StringComparer.Ordinal), byActionDesc);
        Assert.True(byAction.Distinct().Count() > 1);

        var problem = await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/audit?sort=colour"), HttpStatusCode.BadRequest);
        Assert.Contains("Allowed: at, user, action, entityType, outcome.", problem.Str("detail"));
    }
}
