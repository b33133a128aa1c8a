using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Customers;

public sealed class CustomerApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_technician_creates_reads_updates_and_deletes_a_customer()
    {
        var client = portal.ApiClient(await portal.CreateTokenAsync("technician"));
        var name = PortalSeed.UniqueName("Alpine Bakery");

        var created = await client.PostAsJsonAsync("/api/v1/customers", new { name, notes = "Bakery chain", alertEmails = new[] { "it@alpine.test" } });
        var body = await created.JsonAsync(HttpStatusCode.Created);
        var id = body.Str("id")!;
        Assert.True(Guid.TryParse(id, out _), $"id '{id}' is not a GUID");
        Assert.Equal($"/api/v1/customers/{id}", created.Headers.Location?.ToString());
        AssertCustomer(body, name, "Bakery chain", "it@alpine.test");

        AssertCustomer(await (await client.GetAsync(created.Headers.Location)).JsonAsync(), name, "Bakery chain", "it@alpine.test");

        var renamed = PortalSeed.UniqueName("Alpine Bakeries");
        var updated = await client.PutAsJsonAsync($"/api/v1/customers/{id}", new { name = renamed, notes = "Now two shops", alertEmails = new[] { "a@alpine.test", "b@alpine.test" } });
        AssertCustomer(await updated.JsonAsync(), renamed, "Now two shops", "a@alpine.test", "b@alpine.test");
        AssertCustomer(await (await client.GetAsync($"/api/v1/customers/{id}")).JsonAsync(), renamed, "Now two shops", "a@alpine.test", "b@alpine.test");

        var deleted = await client.DeleteAsync($"/api/v1/customers/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/customers/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_list_pages_and_searches_names_and_notes()
    {
        var tag = PortalSeed.UniqueName("pagetag");
        foreach (var letter in new[] { "C", "A", "B" })
            await portal.SeedCustomerAsync($"{tag} {letter}");
        await portal.SeedCustomerAsync(PortalSeed.UniqueName("Zulu"), $"mentions {tag} in the notes only");
        await portal.SeedCustomerAsync();
        var client = portal.ApiClient(await portal.CreateTokenAsync("readonly"));

        var first = await (await client.GetAsync($"/api/v1/customers?search={tag}&page=1&pageSize=2")).JsonAsync();
        Assert.Equal(4, first.Total());
        Assert.Equal([$"{tag} A", $"{tag} B"], first.Items().Select(c => c.Str("name")));

        var second = await (await client.GetAsync($"/api/v1/customers?search={tag}&page=2&pageSize=2")).JsonAsync();
        Assert.Equal(4, second.Total());
        Assert.Equal(2, second.Items().Length);
        Assert.Equal($"{tag} C", second.Items()[0].Str("name"));
        Assert.Contains(tag, second.Items()[1].Str("notes"));

        var byNameOnly = await (await client.GetAsync($"/api/v1/customers?search={Uri.EscapeDataString(tag + " B")}")).JsonAsync();
        Assert.Equal($"{tag} B", Assert.Single(byNameOnly.Items()).Str("name"));

        var all = await (await client.GetAsync("/api/v1/customers?pageSize=1")).JsonAsync();
        Assert.Single(all.Items());
        Assert.True(all.Total() >= 5, $"total {all.Total()} without a search");
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_stores_nothing_and_is_audited_as_a_failure()
    {
        var tokenName = PortalSeed.UniqueName("refusals");
        var client = portal.ApiClient(await portal.CreateTokenAsync("technician", name: tokenName));
        var existing = await portal.SeedCustomerAsync(PortalSeed.UniqueName("Birch Legal"), "keep these notes", "law@birch.test");

        var duplicate = await client.PostAsJsonAsync("/api/v1/customers", new { name = existing.Name.ToUpperInvariant(), notes = "", alertEmails = Array.Empty<string>() });
        Assert.Contains(await ProblemAssert.IsInvalidFieldAsync(duplicate, "name"), m => m.Contains("already exists"));

        var cedar = PortalSeed.UniqueName("Cedar");
        var badEmail = await client.PostAsJsonAsync("/api/v1/customers", new { name = cedar, notes = "", alertEmails = new[] { "ok@cedar.test", "not-an-email" } });
        Assert.Contains(await ProblemAssert.IsInvalidFieldAsync(badEmail, "alertEmails"), m => m.Contains("not-an-email"));

        var noName = await client.PostAsJsonAsync("/api/v1/customers", new { notes = "who am I?" });
        Assert.Contains(await ProblemAssert.IsInvalidFieldAsync(noName, "name"), m => m.Contains("required"));
        var blankName = await client.PostAsJsonAsync("/api/v1/customers", new { name = "   " });
        await ProblemAssert.IsInvalidFieldAsync(blankName, "name");

        var other = await portal.SeedCustomerAsync();
        var takenName = await client.PutAsJsonAsync($"/api/v1/customers/{other.Id}", new { name = existing.Name.ToLowerInvariant(), notes = "changed" });
        await ProblemAssert.IsInvalidFieldAsync(takenName, "name");
        var badUpdate = await client.PutAsJsonAsync($"/api/v1/customers/{existing.Id}", new { name = existing.Name, notes = "overwritten?", alertEmails = new[] { "@nope" } });
        await ProblemAssert.IsInvalidFieldAsync(badUpdate, "alertEmails");

        var stored = await (await client.GetAsync($"/api/v1/customers/{existing.Id}")).JsonAsync();
        AssertCustomer(stored, existing.Name, "keep these notes", "law@birch.test");
        Assert.Equal(other.Name, (await (await client.GetAsync($"/api/v1/customers/{other.Id}")).JsonAsync()).Str("name"));
        Assert.Equal(0, (await (await client.GetAsync($"/api/v1/customers?search={cedar}")).JsonAsync()).Total());

        var audit = await AuditOfAsync(tokenName);
        Assert.Equal(4, audit.Count(e => e.Str("action") == "customer.create" && e.Str("outcome") == "failure"));
        Assert.Contains(audit, e => e.Str("action") == "customer.update" && e.Str("entityId") == other.Id.ToString() && e.Str("outcome") == "failure");
        Assert.Contains(audit, e => e.Str("action") == "customer.update" && e.Str("entityId") == existing.Id.ToString() && e.Str("outcome") == "failure");
        Assert.DoesNotContain(audit, e => e.Str("outcome") == "success");
    }

    [Fact]
    public async Task A_customer_with_an_active_api_token_cannot_be_deleted_until_the_token_is_revoked()
    {
        var tokenName = PortalSeed.UniqueName("deleter");
        var client = portal.ApiClient(await portal.CreateTokenAsync("admin", name: tokenName));
        var customer = await portal.SeedCustomerAsync(PortalSeed.UniqueName("Dune Dental"));
        var scoped = await (await client.PostAsJsonAsync("/api/v1/api-tokens", new { name = "dune-monitor", role = "readonly", customerId = customer.Id })).JsonAsync(HttpStatusCode.Created);

        var refused = await ProblemAssert.IsProblemAsync(await client.DeleteAsync($"/api/v1/customers/{customer.Id}"), HttpStatusCode.Conflict);
        Assert.Contains("1 active API token", refused.Str("detail"));
        Assert.Contains(customer.Name, refused.Str("detail"));
        await (await client.GetAsync($"/api/v1/customers/{customer.Id}")).JsonAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/api-tokens/{scoped.Str("id")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/customers/{customer.Id}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/customers/{customer.Id}"), HttpStatusCode.NotFound);

        var audit = await AuditOfAsync(tokenName);
        var deletes = audit.Where(e => e.Str("action") == "customer.delete" && e.Str("entityId") == customer.Id.ToString()).ToList();
        Assert.Equal(["success", "failure"], deletes.Select(e => e.Str("outcome")));
        Assert.Contains("API token", deletes[1].Str("summary"));
    }

    private async Task<JsonElement[]> AuditOfAsync(string tokenName)
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var list = await (await admin.GetAsync($"/api/v1/audit?entityType=Customer&user=token:{tokenName}&pageSize=200")).JsonAsync();
        Assert.All(list.Items(), e => Assert.Equal($"token:{tokenName}", e.Str("user")));
        Assert.All(list.Items(), e => Assert.Equal("Customer", e.Str("entityType")));
        return list.Items();
    }

    private static void AssertCustomer(JsonElement customer, string name, string notes, params string[] alertEmails)
    {
        Assert.Equal(name, customer.Str("name"));
        Assert.Equal(notes, customer.Str("notes"));
        Assert.Equal(alertEmails, customer.GetProperty("alertEmails").EnumerateArray().Select(e => e.GetString()));
        Assert.True(Guid.TryParse(customer.Str("id"), out _));
    }
}
