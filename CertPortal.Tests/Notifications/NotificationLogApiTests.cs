using System.Net;
using System.Net.Http.Json;
using CertPortal.Features.Notifications;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Notifications;

/// <summary>GET /api/v1/notifications (filters, a customer's token sees its own) and sending one again.</summary>
public sealed class NotificationLogApiTests
{
    [Fact]
    public async Task The_log_lists_every_send_newest_first_filtered_by_customer_outcome_and_kind_and_a_customers_token_sees_only_its_own()
    {
        await using var portal = new PortalFactory();
        using var server = await SmtpServer.StartAsync();
        await portal.UseSmtpAsync(server);
        var a = await portal.SeedCustomerAsync(alertEmails: "ops@a.test");
        var b = await portal.SeedCustomerAsync(alertEmails: ["ops@b.test", "boss@b.test"]);
        var first = portal.Expiring(a.Id, "a.example", 30);
        await portal.RaiseAsync(first);
        portal.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = portal.Expiring(b.Id, "b.example", 7) with { Kind = AlertKinds.CertificateRenewalFailed, Title = "Renewal of b.example failed" };
        await portal.RaiseAsync(second);
        await server.WaitForMailsAsync(3, TimeSpan.FromSeconds(20));
        await portal.SendDueAsync();
        var readOnly = portal.ApiClient(await portal.CreateTokenAsync("readonly"));

        var all = await (await readOnly.GetAsync("/api/v1/notifications")).JsonAsync();
        Assert.Equal(3, all.Total());
        Assert.Equal(["boss@b.test", "ops@b.test", "ops@a.test"], all.Items().Select(i => i.Str("to")));
        var item = all.Items()[2];
        Assert.Equal((AlertKinds.CertificateExpiring, $"[CertPortal] {a.Name}: a.example expires in 30 days", "sent", null), (item.Str("kind"), item.Str("subject"), item.Str("outcome"), item.Str("error")));
        Assert.EndsWith("Z", item.Str("at"));
        Assert.Equal(("email", a.Id.ToString(), 1), (item.Str("channel"), item.Str("customerId"), item.GetProperty("attempts").GetInt32()));

        Assert.Equal(1, (await (await readOnly.GetAsync($"/api/v1/notifications?customerId={a.Id}")).JsonAsync()).Total());
        Assert.Equal(2, (await (await readOnly.GetAsync($"/api/v1/notifications?kind={AlertKinds.CertificateRenewalFailed}")).JsonAsync()).Total());
        Assert.Equal(0, (await (await readOnly.GetAsync("/api/v1/notifications?outcome=failed")).JsonAsync()).Total());
        Assert.Equal(3, (await (await readOnly.GetAsync("/api/v1/notifications?outcome=sent")).JsonAsync()).Total());
        var paged = await (await readOnly.GetAsync("/api/v1/notifications?page=2&pageSize=2")).JsonAsync();
        Assert.Equal((3, "ops@a.test"), (paged.Total(), Assert.Single(paged.Items()).Str("to")));
        await ProblemAssert.IsInvalidFieldAsync(await readOnly.GetAsync("/api/v1/notifications?outcome=lost"), "outcome");
        await ProblemAssert.IsInvalidFieldAsync(await readOnly.GetAsync("/api/v1/notifications?kind=certificate.exploded"), "kind");

        var scoped = portal.ApiClient(await portal.CreateTokenAsync("technician", b.Id));
        var own = await (await scoped.GetAsync("/api/v1/notifications")).JsonAsync();
        Assert.Equal(2, own.Total());
        Assert.All(own.Items(), i => Assert.Equal(b.Id.ToString(), i.Str("customerId")));
        Assert.Equal(0, (await (await scoped.GetAsync($"/api/v1/notifications?customerId={a.Id}")).JsonAsync()).Total());
        var othersId = item.Str("id");
        await ProblemAssert.IsProblemAsync(await scoped.GetAsync($"/api/v1/notifications/{othersId}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await scoped.PostAsync($"/api/v1/notifications/{othersId}/resend", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_send_that_failed_for_good_is_queued_again_by_a_technician_and_arrives()
    {
        await using var portal = new PortalFactory();
        await portal.UseSmtpAsync(new("127.0.0.1", FreePort.Next(), "none", null, "portal@certportal.test", null), null);
        var customer = await portal.SeedCustomerAsync(alertEmails: "ops@contoso.test");
        var alert = portal.Expiring(customer.Id, "www.contoso.com", 1);
        await portal.RaiseAsync(alert);
        await portal.FailForGoodAsync(alert.Id);
        var send = Assert.Single(await portal.SendsOfAsync(alert.Id));
        Assert.Equal((NotificationOutcomes.Failed, 5), (send.Outcome, send.Attempts));
        var readOnly = portal.ApiClient(await portal.CreateTokenAsync("readonly"));
        await ProblemAssert.IsProblemAsync(await readOnly.PostAsync($"/api/v1/notifications/{send.Id}/resend", null), HttpStatusCode.Forbidden);

        using var server = await SmtpServer.StartAsync();
        await portal.UseSmtpAsync(server);
        var technician = portal.ApiClient(await portal.CreateTokenAsync("technician", name: "resender"));
        var resent = await technician.PostAsync($"/api/v1/notifications/{send.Id}/resend", null);
        var queued = await resent.JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal($"/api/v1/notifications/{send.Id}", resent.Headers.Location?.OriginalString);
        Assert.Equal(("pending", 0, null), (queued.Str("outcome"), queued.GetProperty("attempts").GetInt32(), queued.Str("error")));

        var mail = Assert.Single(await server.WaitForMailsAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal($"[CertPortal] {customer.Name}: www.contoso.com expires in 1 days", mail.Subject);
        await portal.SendDueAsync();
        var now = await (await technician.GetAsync($"/api/v1/notifications/{send.Id}")).JsonAsync();
        Assert.Equal(("sent", 1), (now.Str("outcome"), now.GetProperty("attempts").GetInt32()));
        var audit = await (await technician.GetAsync($"/api/v1/audit?entityId={send.Id}")).JsonAsync();
        var entry = Assert.Single(audit.Items());
        Assert.Equal(("notification.resend", "token:resender", "success"), (entry.Str("action"), entry.Str("user"), entry.Str("outcome")));
        Assert.Contains("Queued again (failed)", entry.Str("summary"));
    }
}
