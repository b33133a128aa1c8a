using System.Net;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Notifications;

/// <summary>GET /api/v1/notifications?sort=&amp;order=: the log sorted in the database by a named field, an unknown one refused.</summary>
public sealed class NotificationLogSortTests
{
    [Fact]
    public async Task The_log_sorts_by_recipient_either_way_and_refuses_an_unknown_field_naming_the_allowed_ones()
    {
        await using var portal = new PortalFactory();
        using var server = await SmtpServer.StartAsync();
        await portal.UseSmtpAsync(server);
        var customer = await portal.SeedCustomerAsync(alertEmails: ["b@sort.test", "c@sort.test", "a@sort.test"]);
        await portal.RaiseAsync(portal.Expiring(customer.Id, "sort.example", 30));
        await server.WaitForMailsAsync(3, TimeSpan.FromSeconds(20));
        await portal.SendDueAsync();
        var api = portal.ApiClient(await portal.CreateTokenAsync("readonly"));

        async Task<string> To(string query) =>
            string.Join(" ", (await (await api.GetAsync($"/api/v1/notifications?{query}")).JsonAsync()).Items().Select(i => i.Str("to")));

        Assert.Equal("a@sort.test b@sort.test c@sort.test", await To("sort=to"));
        Assert.Equal("c@sort.test b@sort.test a@sort.test", await To("sort=to&order=desc"));
        var problem = await ProblemAssert.IsProblemAsync(await api.GetAsync("/api/v1/notifications?sort=body"), HttpStatusCode.BadRequest);
        Assert.Contains("Allowed: at, kind, to, subject, outcome.", problem.Str("detail"));
    }
}
