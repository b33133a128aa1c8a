using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Features.Notifications;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Notifications;

/// <summary>
/// /api/v1/notification-channels against a receiver in the test process: the signed webhook body, Slack's and Teams'
/// payloads, Test, validation, and secrets that never come back. Channels here serve one customer each, so tests
/// sharing this portal never receive each other's alerts.
/// </summary>
public sealed class ChannelApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string SigningKey = "whsec-signing-key-4f1d";

    [Fact]
    public async Task A_webhook_channel_posts_the_alert_as_json_signed_with_hmac_sha256_over_the_raw_body()
    {
        await using var receiver = await AlertReceiver.StartAsync(SigningKey);
        var customer = await portal.SeedCustomerAsync();
        var admin = await AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/notification-channels", Webhook("Contoso automation", customer.Id, receiver.Url(), AlertKinds.CertificateExpiring));
        var channel = await created.JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/notification-channels/{channel.Str("id")}", created.Headers.Location?.OriginalString);
        Assert.Equal("webhook", channel.Str("type"));
        Assert.Equal(customer.Id.ToString(), channel.Str("customerId"));
        Assert.Equal([AlertKinds.CertificateExpiring], channel.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(receiver.Url(), channel.GetProperty("settings").Str("url"));
        Assert.Equal("set", channel.GetProperty("secrets").Str("signingKey"));
        var alert = portal.Expiring(customer.Id, "www.contoso.com", 14);

        Assert.Equal(1, await portal.RaiseAsync(alert));

        var post = Assert.Single(await receiver.WaitForPostsAsync(1));
        Assert.True(post.SignatureValid, $"signature {post.Headers.GetValueOrDefault("X-CertPortal-Signature")} does not match the body");
        Assert.Matches("^sha256=[0-9a-f]{64}$", post.Headers["X-CertPortal-Signature"]);
        Assert.Equal(AlertKinds.CertificateExpiring, post.Headers["X-CertPortal-Event"]);
        Assert.StartsWith("application/json", post.Headers["Content-Type"]);
        var body = post.Json;
        Assert.Equal(alert.Id.ToString(), body.Str("id"));
        Assert.Equal(AlertKinds.CertificateExpiring, body.Str("kind"));
        Assert.Equal(alert.At, body.GetProperty("at").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.EndsWith("Z", body.Str("at"));
        Assert.Equal(customer.Id.ToString(), body.Str("customerId"));
        Assert.Equal(customer.Name, body.Str("customerName"));
        Assert.Equal(("Certificate", alert.ObjectId.ToString()), (body.Str("objectType"), body.Str("objectId")));
        Assert.Equal((alert.Title, alert.Detail, alert.Url), (body.Str("title"), body.Str("detail"), body.Str("url")));
        await portal.SendDueAsync();
        var send = Assert.Single(await portal.SendsOfAsync(alert.Id));
        Assert.Equal((NotificationOutcomes.Sent, "Contoso automation", $"[CertPortal] {customer.Name}: www.contoso.com expires in 14 days"), (send.Outcome, send.To, send.Subject));
    }

    [Fact]
    public async Task A_receiver_holding_another_key_refuses_the_post_and_the_send_records_its_answer()
    {
        await using var receiver = await AlertReceiver.StartAsync("the-receivers-own-key");
        var customer = await portal.SeedCustomerAsync();
        var admin = await AdminAsync();
        await (await admin.PostAsJsonAsync("/api/v1/notification-channels", Webhook("Mismatched", customer.Id, receiver.Url(), AlertKinds.DeploymentRolledBack))).JsonAsync(HttpStatusCode.Created);
        var alert = portal.Expiring(customer.Id, "fw01", 0) with { Kind = AlertKinds.DeploymentRolledBack };

        await portal.RaiseAsync(alert);
        await receiver.WaitForPostsAsync(1);
        await portal.SendDueAsync();

        Assert.False(Assert.Single(receiver.Posts).SignatureValid);
        var send = Assert.Single(await portal.SendsOfAsync(alert.Id));
        Assert.Equal((NotificationOutcomes.Pending, "HTTP 401: bad signature"), (send.Outcome, send.Error));
    }

    [Fact]
    public async Task Slack_gets_text_and_mrkdwn_blocks_linking_the_object()
    {
        await using var receiver = await AlertReceiver.StartAsync();
        var customer = await portal.SeedCustomerAsync();
        var admin = await AdminAsync();
        var hook = receiver.Url("/services/T0001/B0002/slackSecretPart");
        await (await admin.PostAsJsonAsync("/api/v1/notification-channels", new
        {
            name = PortalSeed.UniqueName("Slack"), type = "slack", customerId = customer.Id, events = new[] { AlertKinds.CertificateRenewalFailed }, secrets = new { url = hook },
        })).JsonAsync(HttpStatusCode.Created);
        var alert = portal.Expiring(customer.Id, "x", 0) with { Kind = AlertKinds.CertificateRenewalFailed, Title = "Renewal of a<b & c failed", Detail = "Let's Encrypt said: rateLimited" };

        await portal.RaiseAsync(alert);

        var post = Assert.Single(await receiver.WaitForPostsAsync(1));
        Assert.Equal("/services/T0001/B0002/slackSecretPart", post.Path);
        var body = post.Json;
        Assert.Equal($"{customer.Name}: Renewal of a<b & c failed", body.Str("text"));
        var blocks = body.GetProperty("blocks").EnumerateArray().ToArray();
        Assert.Equal(("section", "mrkdwn"), (blocks[0].Str("type"), blocks[0].GetProperty("text").Str("type")));
        Assert.Equal($"*<{alert.Url}|{customer.Name}: Renewal of a&lt;b &amp; c failed>*\nLet's Encrypt said: rateLimited", blocks[0].GetProperty("text").Str("text"));
        Assert.Equal("context", blocks[1].Str("type"));
        Assert.Equal("CertPortal · certificate.renewal-failed", blocks[1].GetProperty("elements")[0].Str("text"));
    }

    [Fact]
    public async Task Teams_gets_a_message_with_one_adaptive_card_and_an_open_button()
    {
        await using var receiver = await AlertReceiver.StartAsync();
        var customer = await portal.SeedCustomerAsync();
        var admin = await AdminAsync();
        await (await admin.PostAsJsonAsync("/api/v1/notification-channels", new
        {
            name = PortalSeed.UniqueName("Teams"), type = "teams", customerId = customer.Id, events = new[] { AlertKinds.EndpointMismatch },
            secrets = new { url = receiver.Url("/workflows/abc/triggers/manual/paths/invoke?sig=teamsSecretSig") },
        })).JsonAsync(HttpStatusCode.Created);
        var alert = portal.Expiring(customer.Id, "x", 0) with { Kind = AlertKinds.EndpointMismatch, Title = "www.contoso.com:443 serves another certificate", Detail = "Expected 3f2a…, saw 9c1b…" };

        await portal.RaiseAsync(alert);

        var body = Assert.Single(await receiver.WaitForPostsAsync(1)).Json;
        Assert.Equal("message", body.Str("type"));
        var attachment = Assert.Single(body.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.Str("contentType"));
        Assert.Equal(JsonValueKind.Null, attachment.GetProperty("contentUrl").ValueKind);
        var card = attachment.GetProperty("content");
        Assert.Equal(("http://adaptivecards.io/schemas/adaptive-card.json", "AdaptiveCard", "1.4"), (card.Str("$schema"), card.Str("type"), card.Str("version")));
        var texts = card.GetProperty("body").EnumerateArray().Select(b => (b.Str("type"), b.Str("text"))).ToList();
        Assert.All(texts, t => Assert.Equal("TextBlock", t.Item1));
        Assert.Equal([alert.Title, customer.Name, alert.Detail, "CertPortal · endpoint.mismatch"], texts.Select(t => t.Item2));
        var action = Assert.Single(card.GetProperty("actions").EnumerateArray());
        Assert.Equal(("Action.OpenUrl", "Open in CertPortal", alert.Url), (action.Str("type"), action.Str("title"), action.Str("url")));
    }

    [Fact]
    public async Task Test_posts_a_test_event_now_answers_ok_or_why_not_and_each_test_is_in_the_log()
    {
        await using var receiver = await AlertReceiver.StartAsync(SigningKey);
        var customer = await portal.SeedCustomerAsync();
        var admin = await AdminAsync();
        var name = PortalSeed.UniqueName("Tested");
        var channel = await (await admin.PostAsJsonAsync("/api/v1/notification-channels", Webhook(name, customer.Id, receiver.Url(), AlertKinds.DeploymentFailed))).JsonAsync(HttpStatusCode.Created);
        var id = channel.Str("id");

        var ok = await (await admin.PostAsync($"/api/v1/notification-channels/{id}/test", null)).JsonAsync();
        Assert.True(ok.GetProperty("ok").GetBoolean(), ok.ToString());
        Assert.Equal("The Webhook (signed JSON) channel took the test event (HTTP 200).", ok.Str("message"));
        var post = Assert.Single(receiver.Posts);
        Assert.True(post.SignatureValid);
        Assert.Equal(("test", "test", "NotificationChannel", id), (post.Headers["X-CertPortal-Event"], post.Json.Str("kind"), post.Json.Str("objectType"), post.Json.Str("objectId")));
        Assert.EndsWith("/notifications/channels", post.Json.Str("url"));

        receiver.Answer = ReceiverAnswer.ServerError;
        var failed = await (await admin.PostAsync($"/api/v1/notification-channels/{id}/test", null)).JsonAsync();
        Assert.False(failed.GetProperty("ok").GetBoolean());
        Assert.StartsWith("The test event was not delivered: HTTP 500: upstream database is down", failed.Str("message"));

        var log = await (await admin.GetAsync($"/api/v1/notifications?kind=test&customerId={customer.Id}")).JsonAsync();
        Assert.Equal(2, log.Total());
        var (latest, first) = (log.Items()[0], log.Items()[1]);
        Assert.Equal((name, "failed", 1, "webhook"), (latest.Str("to"), latest.Str("outcome"), latest.GetProperty("attempts").GetInt32(), latest.Str("channel")));
        Assert.Null(latest.Str("nextAttemptAt"));
        Assert.StartsWith("HTTP 500", latest.Str("error"));
        Assert.Equal(("sent", null), (first.Str("outcome"), first.Str("error")));
        var audit = await (await admin.GetAsync($"/api/v1/audit?entityId={id}")).JsonAsync();
        Assert.Contains(audit.Items(), a => a.Str("action") == "notification-channel.test" && a.Str("outcome") == "failure");
        Assert.Contains(audit.Items(), a => a.Str("action") == "notification-channel.test" && a.Str("outcome") == "success");
    }

    private async Task<HttpClient> AdminAsync() => portal.ApiClient(await portal.CreateTokenAsync("admin"));

    private static object Webhook(string name, Guid customerId, string url, params string[] events) => new
    {
        name, type = "webhook", customerId, events, settings = new { url }, secrets = new { signingKey = SigningKey },
    };
}
