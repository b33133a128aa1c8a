using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Features.Users;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Audit;

public sealed class AuditApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_change_through_the_api_is_recorded_with_the_token_action_entity_and_outcome()
    {
        var tokenName = PortalSeed.UniqueName("provisioner");
        var client = portal.ApiClient(await portal.CreateTokenAsync("technician", name: tokenName));
        var id = (await (await client.PostAsJsonAsync("/api/v1/customers", new { name = PortalSeed.UniqueName("Elm Energy") })).JsonAsync(HttpStatusCode.Created)).Str("id");
        await (await client.PutAsJsonAsync($"/api/v1/customers/{id}", new { name = PortalSeed.UniqueName("Elm Power") })).JsonAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/api-tokens")).StatusCode);

        var entries = (await (await client.GetAsync($"/api/v1/audit?entityId={id}")).JsonAsync()).Items();
        Assert.Equal(["customer.update", "customer.create"], entries.Select(e => e.Str("action")));
        Assert.All(entries, e =>
        {
            Assert.Equal($"token:{tokenName}", e.Str("user"));
            Assert.Equal("Customer", e.Str("entityType"));
            Assert.Equal("success", e.Str("outcome"));
            Assert.False(string.IsNullOrWhiteSpace(e.Str("summary")));
            Assert.True(e.GetProperty("at").GetDateTime() <= portal.Clock.GetUtcNow().UtcDateTime);
        });

        var denied = (await (await client.GetAsync($"/api/v1/audit?user=token:{tokenName}&action=api.denied")).JsonAsync()).Items();
        var refusal = Assert.Single(denied);
        Assert.Equal("denied", refusal.Str("outcome"));
        Assert.Equal("GET /api/v1/api-tokens", refusal.Str("entityId"));
    }

    [Fact]
    public async Task The_audit_log_filters_by_user_entity_type_and_time_and_pages_newest_first()
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var tokenName = PortalSeed.UniqueName("filter");
        var client = portal.ApiClient(await portal.CreateTokenAsync("technician", name: tokenName));
        portal.Clock.Advance(TimeSpan.FromDays(1));
        var start = portal.Clock.GetUtcNow().UtcDateTime;
        var names = new List<string>();
        for (var hour = 0; hour < 5; hour++)
        {
            names.Add(PortalSeed.UniqueName($"Hour{hour}"));
            await (await client.PostAsJsonAsync("/api/v1/customers", new { name = names[^1] })).JsonAsync(HttpStatusCode.Created);
            portal.Clock.Advance(TimeSpan.FromHours(1));
        }
        await portal.SeedCustomerAsync();

        var mine = await (await admin.GetAsync($"/api/v1/audit?user={tokenName}&entityType=Customer")).JsonAsync();
        Assert.Equal(5, mine.Total());
        Assert.All(mine.Items(), e => Assert.Equal($"token:{tokenName}", e.Str("user")));
        Assert.Empty((await (await admin.GetAsync($"/api/v1/audit?user={tokenName}&entityType=ApiToken")).JsonAsync()).Items());

        // Hours 1 and 2: from is inclusive, to exclusive.
        var window = await (await admin.GetAsync($"/api/v1/audit?entityType=Customer&from={Iso(start.AddHours(1))}&to={Iso(start.AddHours(3))}")).JsonAsync();
        Assert.Equal(2, window.Total());
        Assert.All(window.Items(), e => Assert.Equal($"token:{tokenName}", e.Str("user")));
        Assert.Contains(names[2], window.Items()[0].Str("summary"));
        Assert.Contains(names[1], window.Items()[1].Str("summary"));
        var withOffset = await (await admin.GetAsync($"/api/v1/audit?entityType=Customer&from={Uri.EscapeDataString(start.AddHours(3).ToString("yyyy-MM-ddTHH:mm:ss.fffffff") + "+02:00")}&to={Iso(start.AddHours(5))}")).JsonAsync();
        Assert.Equal([names[4], names[3], names[2], names[1]], withOffset.Items().Select(e => NameIn(e, names)));

        var page1 = await (await admin.GetAsync($"/api/v1/audit?user={tokenName}&page=1&pageSize=2")).JsonAsync();
        var page3 = await (await admin.GetAsync($"/api/v1/audit?user={tokenName}&page=3&pageSize=2")).JsonAsync();
        Assert.Equal((5, 5), (page1.Total(), page3.Total()));
        Assert.Equal([names[4], names[3]], page1.Items().Select(e => NameIn(e, names)));
        Assert.Equal(names[0], NameIn(Assert.Single(page3.Items()), names));
    }

    [Fact]
    public async Task A_token_limited_to_one_customer_sees_only_that_customers_history()
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var mine = await portal.SeedCustomerAsync(PortalSeed.UniqueName("Fir Foods"));
        var other = await portal.SeedCustomerAsync(PortalSeed.UniqueName("Gale Glass"));
        foreach (var customer in new[] { mine, other })
            await (await admin.PutAsJsonAsync($"/api/v1/customers/{customer.Id}", new { name = customer.Name, notes = "touched" })).JsonAsync();
        var scoped = portal.ApiClient(await portal.CreateTokenAsync("technician", mine.Id));

        var everything = await (await scoped.GetAsync("/api/v1/audit?pageSize=200")).JsonAsync();
        Assert.Contains(everything.Items(), e => e.Str("action") == "customer.update" && e.Str("entityId") == mine.Id.ToString());
        Assert.DoesNotContain(everything.Items(), e => e.Str("entityId") == other.Id.ToString() || e.Str("summary")!.Contains(other.Name));
        var adminSees = await (await admin.GetAsync("/api/v1/audit?pageSize=1")).JsonAsync();
        Assert.True(everything.Total() < adminSees.Total(), "the scoped token sees as much as an admin");
        var askedForOther = await (await scoped.GetAsync($"/api/v1/audit?entityId={other.Id}")).JsonAsync();
        Assert.Equal(0, askedForOther.Total());
    }

    [Fact]
    public async Task No_audit_entry_holds_a_password_or_a_token()
    {
        const string password = "Tr0ub4dor and 3 blue horses";
        const string newPassword = "a completely different passphrase 77";
        var user = await portal.CreateUserAsync(PortalSeed.UniqueName("auditee") + "@msp.test", "technician", password);
        await portal.InScopeAsync(async sp => await sp.GetRequiredService<UserService>().ResetPasswordAsync(user.Email, newPassword));
        await portal.InScopeAsync(async sp => await sp.GetRequiredService<UserService>().CreateAsync(user.Email, password, "admin"));
        var adminToken = await portal.CreateTokenAsync("admin");
        var admin = portal.ApiClient(adminToken);
        var created = await (await admin.PostAsJsonAsync("/api/v1/api-tokens", new { name = "secret-holder", role = "readonly" })).JsonAsync(HttpStatusCode.Created);
        var token = created.Str("token")!;
        await portal.ApiClient(token).PostAsJsonAsync("/api/v1/customers", new { name = token });
        await admin.PostAsync("/api/v1/customers", new StringContent($"{{\"name\": \"{password}", System.Text.Encoding.UTF8, "application/json"));

        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var list = await (await admin.GetAsync($"/api/v1/audit?page={page}&pageSize=200")).JsonAsync();
            all.AddRange(list.Items());
            if (all.Count >= list.Total() || list.Items().Length == 0)
                break;
        }
        Assert.Contains(all, e => e.Str("action") == "user.reset-password");
        Assert.Contains(all, e => e.Str("action") == "api.denied");
        Assert.Contains(all, e => e.Str("action") == "api.bad-request");
        Assert.Contains(all, e => e.Str("summary")!.Contains(created.Str("prefix")!));
        foreach (var text in all.Select(e => e.GetRawText()))
            foreach (var secret in new[] { password, newPassword, token, token[^24..], adminToken, adminToken[^24..] })
                Assert.DoesNotContain(secret, text);
    }

    private static string Iso(DateTime utc) => Uri.EscapeDataString(utc.ToString("O"));

    private static string? NameIn(JsonElement entry, List<string> names) => names.FirstOrDefault(n => entry.Str("summary")!.Contains(n));
}
