using System.Net.Http.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Notifications;

/// <summary>A script's null among a channel's events is a 400 naming the field, not a 500.</summary>
public sealed class ChannelNullEventTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_null_event_is_refused_by_name()
    {
        var api = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var response = await api.PostAsJsonAsync("/api/v1/notification-channels", new { name = "Hook", type = "webhook", events = new string?[] { null } });
        Assert.Contains("'null' is not an event", (await ProblemAssert.IsInvalidFieldAsync(response, "events"))[0]);
    }
}
