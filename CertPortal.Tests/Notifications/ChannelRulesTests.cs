using System.Net;
using System.Net.Http.Json;
using CertPortal.Features.Notifications;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Notifications;

/// <summary>Which channels an alert goes to, what a channel may be, and the secrets it keeps to itself.</summary>
public sealed class ChannelRulesTests
{
    [Fact]
    public async Task An_alert_goes_to_the_channels_that_chose_its_kind_and_serve_its_customer_or_everyone()
    {
        await using var portal = new PortalFactory();
        await using var receiver = await AlertReceiver.StartAsync();
        var (x, y) = (await portal.SeedCustomerAsync(), await portal.SeedCustomerAsync());
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        async Task CreateAsync(string name, Guid? customerId, string kind) => await (await admin.PostAsJsonAsync("/api/v1/notification-channels", new
        {
            name, type = "slack", customerId, events = new[] { kind }, secrets = new { url = receiver.Url($"/{name}") },
        })).JsonAsync(HttpStatusCode.Created);
        await CreateAsync("everyone-failures", null, AlertKinds.DeploymentFailed);
        await CreateAsync("x-expiry", x.Id, AlertKinds.CertificateExpiring);
        await CreateAsync("y-expiry", y.Id, AlertKinds.CertificateExpiring);

        var expiringX = portal.Expiring(x.Id, "x.example", 7);
        var failedY = portal.Expiring(y.Id, "y.example", 0) with { Kind = AlertKinds.DeploymentFailed };
        var expiringNobody = portal.Expiring(null, "nobody.example", 7);
        Assert.Equal(1, await portal.RaiseAsync(expiringX));
        Assert.Equal(1, await portal.RaiseAsync(failedY));
        Assert.Equal(0, await portal.RaiseAsync(expiringNobody));

        Assert.Equal("x-expiry", Assert.Single(await portal.SendsOfAsync(expiringX.Id)).To);
        Assert.Equal("everyone-failures", Assert.Single(await portal.SendsOfAsync(failedY.Id)).To);
        var posts = await receiver.WaitForPostsAsync(2);
        Assert.Equal(["/everyone-failures", "/x-expiry"], posts.Select(p => p.Path).Order());
    }

    [Fact]
    public async Task A_bad_channel_is_refused_field_by_field_without_repeating_a_secret_and_the_refusal_is_audited()
    {
        await using var portal = new PortalFactory();
        var customer = await portal.SeedCustomerAsync();
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        const string secretish = "hooks.slack.test/services/T/B/notAUrlSecret";

        Assert.Contains("absolute http:// or https:// URL", (await ProblemAssert.IsInvalidFieldAsync(await admin.PostAsJsonAsync("/api/v1/notification-channels",
            new { name = "A", type = "webhook", events = new[] { AlertKinds.Test }, settings = new { url = "ftp://files.example/hook" }, secrets = new { signingKey = "k" } }), "settings.url"))[0]);
        var slack = await admin.PostAsJsonAsync("/api/v1/notification-channels", new { name = "B", type = "slack", events = new[] { AlertKinds.Test }, secrets = new { url = secretish } });
        var refused = await ProblemAssert.IsInvalidFieldAsync(slack, "secrets.url");
        Assert.DoesNotContain("notAUrlSecret", string.Join(" ", refused));
        await ProblemAssert.IsInvalidFieldAsync(await admin.PostAsJsonAsync("/api/v1/notification-channels", new { name = "C", type = "teams", events = new[] { AlertKinds.Test } }), "secrets.url");
        await ProblemAssert.IsInvalidFieldAsync(await admin.PostAsJsonAsync("/api/v1/notification-channels",
            new { name = "D", type = "webhook", events = new[] { AlertKinds.Test }, settings = new { url = "https://hook.example" } }), "secrets.signingKey");
        Assert.Contains("'certificate.exploded' is not an event", (await ProblemAssert.IsInvalidFieldAsync(await admin.PostAsJsonAsync("/api/v1/notification-channels",
            new { name = "E", type = "slack", events = new[] { "certificate.exploded" }, secrets = new { url = "https://hooks.slack.test/x" } }), "events"))[0]);
        await ProblemAssert.IsInvalidFieldAsync(await admin.PostAsJsonAsync("/api/v1/notification-channels",
            new { name = "F", type = "slack", events = Array.Empty<string>(), secrets = new { url = "https://hooks.slack.test/x" } }), "events");
        await ProblemAssert.IsInvalidFieldAsync(await admin.PostAsJsonAsync("/api/v1/notification-channels",
            new { name = "G", type = "slack", customerId = Guid.NewGuid(), events = new[] { AlertKinds.Test }, secrets = new { url = "https://hooks.slack.test/x" } }), "customerId");
        await ProblemAssert.IsInvalidFieldAsync(await admin.PostAsJsonAsync("/api/v1/notification-channels",
            new { name = "H", type = "email", events = new[] { AlertKinds.Test } }), "type");
        await (await admin.PostAsJsonAsync("/api/v1/notification-channels",
            new { name = "Dup", type = "slack", customerId = customer.Id, events = new[] { AlertKinds.Test }, secrets = new { url = "https://hooks.slack.test/x" } })).JsonAsync(HttpStatusCode.Created);
        await ProblemAssert.IsInvalidFieldAsync(await admin.PostAsJsonAsync("/api/v1/notification-channels",
            new { name = "DUP", type = "slack", events = new[] { AlertKinds.Test }, secrets = new { url = "https://hooks.slack.test/y" } }), "name");

        Assert.Equal(1, (await (await admin.GetAsync("/api/v1/notification-channels")).JsonAsync()).Total());
        var audit = await (await admin.GetAsync("/api/v1/audit?action=notification-channel.create&pageSize=50")).JsonAsync();
        Assert.Equal(9, audit.Items().Count(a => a.Str("outcome") == "failure"));
        Assert.DoesNotContain("notAUrlSecret", audit.ToString());
    }

    [Fact]
    public async Task Channel_secrets_never_appear_in_answers_the_audit_log_the_notification_log_or_the_log_files()
    {
        await using var portal = new PortalFactory();
        await using var receiver = await AlertReceiver.StartAsync("signing-secret-9d2e");
        var customer = await portal.SeedCustomerAsync();
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var slackPath = "/services/T01/B02/slackPathSecret77";
        var teamsPath = "/workflows/w1/triggers/manual/paths/invoke?sig=teamsSigSecret88";
        var secrets = new[] { "slackPathSecret77", "teamsSigSecret88", "signing-secret-9d2e", "signing-secret-new-1" };
        var answers = new List<string>();
        async Task<string> SendAsync(HttpRequestMessage request)
        {
            var text = await (await admin.SendAsync(request)).Content.ReadAsStringAsync();
            answers.Add(text);
            return text;
        }
        string Id(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.Str("id")!;
        var slack = Id(await SendAsync(new(HttpMethod.Post, "/api/v1/notification-channels") { Content = JsonContent.Create(new
        {
            name = "Slack ops", type = "slack", customerId = customer.Id, events = new[] { AlertKinds.CertificateExpiring }, secrets = new { url = receiver.Url(slackPath) },
        }) }));
        var teams = Id(await SendAsync(new(HttpMethod.Post, "/api/v1/notification-channels") { Content = JsonContent.Create(new
        {
            name = "Teams ops", type = "teams", customerId = customer.Id, events = new[] { AlertKinds.CertificateExpiring }, secrets = new { url = receiver.Url(teamsPath) },
        }) }));
        var hook = Id(await SendAsync(new(HttpMethod.Post, "/api/v1/notification-channels") { Content = JsonContent.Create(new
        {
            name = "Hook ops", type = "webhook", customerId = customer.Id, events = new[] { AlertKinds.CertificateExpiring },
            settings = new { url = receiver.Url() }, secrets = new { signingKey = "signing-secret-9d2e" },
        }) }));
        // An empty secret keeps the stored one; a given one replaces it.
        var kept = await SendAsync(new(HttpMethod.Put, $"/api/v1/notification-channels/{slack}") { Content = JsonContent.Create(new
        {
            name = "Slack ops", type = "slack", customerId = customer.Id, events = new[] { AlertKinds.CertificateExpiring, AlertKinds.DeploymentFailed }, secrets = new { url = "" },
        }) });
        Assert.Contains("\"url\":\"set\"", kept);
        Assert.Contains("\"deployment.failed\"", kept);
        await SendAsync(new(HttpMethod.Put, $"/api/v1/notification-channels/{hook}") { Content = JsonContent.Create(new
        {
            name = "Hook ops", type = "webhook", customerId = customer.Id, events = new[] { AlertKinds.CertificateExpiring },
            settings = new { url = receiver.Url() }, secrets = new { signingKey = "signing-secret-new-1" },
        }) });
        // Servers that fail and echo the path they were called on: the error keeps the path out.
        receiver.Answer = ReceiverAnswer.ServerError;
        foreach (var id in new[] { slack, teams, hook })
            Assert.Contains("HTTP 500", await SendAsync(new(HttpMethod.Post, $"/api/v1/notification-channels/{id}/test")));
        receiver.Answer = ReceiverAnswer.Ok;
        await portal.RaiseAsync(portal.Expiring(customer.Id, "www.contoso.com", 7));
        await portal.SendDueAsync();
        Assert.Equal(6, receiver.Posts.Count);
        await SendAsync(new(HttpMethod.Get, "/api/v1/notification-channels"));
        await SendAsync(new(HttpMethod.Get, $"/api/v1/notification-channels/{teams}"));
        await SendAsync(new(HttpMethod.Get, "/api/v1/notifications?pageSize=200"));
        await SendAsync(new(HttpMethod.Get, "/api/v1/audit?pageSize=200"));
        await SendAsync(new(HttpMethod.Delete, $"/api/v1/notification-channels/{teams}"));

        Assert.Contains(answers, a => a.Contains("upstream database is down for /…"));
        var log = await portal.LogTextAsync();
        Assert.Contains("Slack ops", log);
        foreach (var secret in secrets)
        {
            Assert.All(answers, a => Assert.DoesNotContain(secret, a));
            Assert.DoesNotContain(secret, log);
        }
    }

    [Fact]
    public async Task Deleting_a_channel_fails_its_waiting_sends_instead_of_trying_a_channel_that_is_gone()
    {
        await using var portal = new PortalFactory();
        await using var receiver = await AlertReceiver.StartAsync("k");
        receiver.Answer = ReceiverAnswer.ServerError;
        var customer = await portal.SeedCustomerAsync();
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var channel = await (await admin.PostAsJsonAsync("/api/v1/notification-channels", new
        {
            name = "Doomed", type = "webhook", customerId = customer.Id, events = new[] { AlertKinds.CertificateExpiring }, settings = new { url = receiver.Url() }, secrets = new { signingKey = "k" },
        })).JsonAsync(HttpStatusCode.Created);
        var alert = portal.Expiring(customer.Id, "www.contoso.com", 7);
        await portal.RaiseAsync(alert);
        await portal.SendDueAsync();
        Assert.Equal(NotificationOutcomes.Pending, Assert.Single(await portal.SendsOfAsync(alert.Id)).Outcome);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/notification-channels/{channel.Str("id")}")).StatusCode);

        var send = Assert.Single(await portal.SendsOfAsync(alert.Id));
        Assert.Equal((NotificationOutcomes.Failed, "The channel was deleted."), (send.Outcome, send.Error));
        await ProblemAssert.IsProblemAsync(await admin.GetAsync($"/api/v1/notification-channels/{channel.Str("id")}"), HttpStatusCode.NotFound);
        var technician = portal.ApiClient(await portal.CreateTokenAsync("technician"));
        await ProblemAssert.IsProblemAsync(await technician.PostAsync($"/api/v1/notifications/{send.Id}/resend", null), HttpStatusCode.Conflict);
    }
}
