using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Targets;

/// <summary>A target remembers when its Test last passed, and forgets it when its connection settings change.</summary>
public sealed class TargetTestPassedTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Secret = "shared-webhook-secret-2";

    [Fact]
    public async Task A_passed_test_sets_testPassedAt_a_rename_keeps_it_and_a_changed_setting_or_secret_clears_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var customer = await portal.SeedCustomerAsync();
        var api = portal.ApiClient(await portal.CreateTokenAsync("technician"));
        var target = await (await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer.Id, name = "Hook", type = "webhook", settings = new { url = receiver.Url }, secrets = new { hmacSecret = Secret },
        })).JsonAsync(HttpStatusCode.Created);
        var id = target.Str("id");
        Assert.Equal(JsonValueKind.Null, target.GetProperty("testPassedAt").ValueKind);

        await TestAsync(api, id, passes: true);
        var tested = await GetAsync(api, id);
        Assert.Equal(portal.Clock.GetUtcNow().UtcDateTime, tested.GetProperty("testPassedAt").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));

        var renamed = await (await api.PutAsJsonAsync($"/api/v1/targets/{id}", new { name = "Ops hook", type = "webhook", settings = new { url = receiver.Url } })).JsonAsync();
        Assert.NotEqual(JsonValueKind.Null, renamed.GetProperty("testPassedAt").ValueKind);

        var moved = await (await api.PutAsJsonAsync($"/api/v1/targets/{id}", new { name = "Ops hook", type = "webhook", settings = new { url = receiver.Url, includeKey = "false" } })).JsonAsync();
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("testPassedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await GetAsync(api, id)).GetProperty("testPassedAt").ValueKind);

        await TestAsync(api, id, passes: true);
        Assert.NotEqual(JsonValueKind.Null, (await GetAsync(api, id)).GetProperty("testPassedAt").ValueKind);
        await api.PutAsJsonAsync($"/api/v1/targets/{id}", new { name = "Ops hook", type = "webhook", settings = new { url = receiver.Url, includeKey = "false" }, secrets = new { hmacSecret = "wrong" } });
        Assert.Equal(JsonValueKind.Null, (await GetAsync(api, id)).GetProperty("testPassedAt").ValueKind);

        // A failing Test does not count as passed.
        await TestAsync(api, id, passes: false);
        Assert.Equal(JsonValueKind.Null, (await GetAsync(api, id)).GetProperty("testPassedAt").ValueKind);
        Assert.Contains((await (await api.GetAsync($"/api/v1/audit?entityId={id}&action=target.update")).JsonAsync()).Items(),
            e => e.Str("summary")!.Contains("not tested until Test passes again"));
    }

    private static async Task TestAsync(HttpClient api, string? id, bool passes)
    {
        var result = await (await api.PostAsync($"/api/v1/targets/{id}/test", null)).JsonAsync();
        Assert.True(result.GetProperty("ok").GetBoolean() == passes, result.ToString());
    }

    private static async Task<JsonElement> GetAsync(HttpClient api, string? id) => await (await api.GetAsync($"/api/v1/targets/{id}")).JsonAsync();
}
