using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CertPortal.Features.Notifications;
using CertPortal.Features.Settings.Smtp;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Notifications;

/// <summary>
/// Sends that fail: each attempt is recorded with its error and logged as a Warning, retried after 1 min, 5 min,
/// 30 min and 2 h, then failed for good; a success on a retry ends sent; a broken channel holds up no one else's mail.
/// Each test moves the clock, so each has its own portal.
/// </summary>
public sealed class DeliveryFailureTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_unreachable_mail_server_is_tried_five_times_over_two_and_a_half_hours_then_the_send_has_failed()
    {
        await using var portal = new PortalFactory();
        var deadPort = FreePort.Next();
        await portal.UseSmtpAsync(new SmtpSettings("127.0.0.1", deadPort, "none", null, "portal@certportal.test", null), null);
        var customer = await portal.SeedCustomerAsync(alertEmails: "ops@contoso.test");
        var alert = portal.Expiring(customer.Id, "www.contoso.com", 7);

        Assert.Equal(1, await portal.RaiseAsync(alert));
        await portal.SendDueAsync();
        var send = Assert.Single(await portal.SendsOfAsync(alert.Id));
        Assert.Equal((NotificationOutcomes.Pending, 1), (send.Outcome, send.Attempts));
        Assert.Contains($"127.0.0.1:{deadPort}", send.Error);
        Assert.Contains("refused", send.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(send.LastAttemptAt + TimeSpan.FromMinutes(1), send.NextAttemptAt);

        // Not before its time: 59 s later nothing is tried.
        portal.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await portal.SendDueAsync());
        portal.Clock.Advance(TimeSpan.FromSeconds(1));
        // The background sender may take a due retry before this test's pass does; either way the pass returns after it.
        foreach (var (attempt, wait) in new[] { (2, TimeSpan.FromMinutes(5)), (3, TimeSpan.FromMinutes(30)), (4, TimeSpan.FromHours(2)) })
        {
            await portal.SendDueAsync();
            send = Assert.Single(await portal.SendsOfAsync(alert.Id));
            Assert.Equal((NotificationOutcomes.Pending, attempt), (send.Outcome, send.Attempts));
            Assert.Equal(send.LastAttemptAt + wait, send.NextAttemptAt);
            portal.Clock.Advance(wait);
        }
        await portal.SendDueAsync();

        send = Assert.Single(await portal.SendsOfAsync(alert.Id));
        Assert.Equal((NotificationOutcomes.Failed, 5), (send.Outcome, send.Attempts));
        Assert.Null(send.NextAttemptAt);
        Assert.Contains("refused", send.Error, StringComparison.OrdinalIgnoreCase);
        portal.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await portal.SendDueAsync());

        var log = await portal.LogTextAsync();
        // The file log quotes ids as structured values; what counts is that each is there.
        var warnings = log.Split('\n').Where(l => l.Contains("[WRN]") && l.Contains("Notifications.NotificationDelivery") && l.Contains(send.Id.ToString())).ToList();
        Assert.Equal(5, warnings.Count);
        Assert.All(warnings, w => Assert.Contains(customer.Id.ToString(), w));
        Assert.All(warnings, w => Assert.Contains("(certificate.expiring) through email", w));
        Assert.Contains("attempt 5 of 5", warnings[^1]);
        Assert.Contains("failed for good", warnings[^1]);
    }

    [Fact]
    public async Task Without_smtp_an_alert_mail_is_logged_as_not_sent_at_once_saying_what_to_do_and_is_never_tried()
    {
        await using var portal = new PortalFactory();
        var customer = await portal.SeedCustomerAsync(alertEmails: "ops@contoso.test");
        var alert = portal.Expiring(customer.Id, "mail.contoso.com", 7);

        Assert.Equal(1, await portal.RaiseAsync(alert));

        var send = Assert.Single(await portal.SendsOfAsync(alert.Id));
        Assert.Equal((NotificationOutcomes.Failed, 0), (send.Outcome, send.Attempts));
        Assert.Null(send.NextAttemptAt);
        Assert.Contains("SMTP is not configured", send.Error);
        Assert.Contains("Settings", send.Error);
        portal.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await portal.SendDueAsync());
        Assert.Equal(0, Assert.Single(await portal.SendsOfAsync(alert.Id)).Attempts);
        Assert.Contains((await portal.LogTextAsync()).Split('\n'), l => l.Contains("[WRN]") && l.Contains("SMTP is not configured: 1 alert mail(s) recorded as not sent"));
    }

    [Fact]
    public async Task A_sender_address_that_is_no_mail_address_fails_the_send_for_good_on_its_first_attempt()
    {
        await using var portal = new PortalFactory();
        await portal.UseSmtpAsync(new SmtpSettings("127.0.0.1", FreePort.Next(), "none", null, "portal@@certportal.test", null), null);
        var customer = await portal.SeedCustomerAsync(alertEmails: "ops@contoso.test");
        var alert = portal.Expiring(customer.Id, "www.contoso.com", 7);

        await portal.RaiseAsync(alert);
        await portal.SendDueAsync();

        var send = Assert.Single(await portal.SendsOfAsync(alert.Id));
        Assert.Equal((NotificationOutcomes.Failed, 1), (send.Outcome, send.Attempts));
        Assert.Null(send.NextAttemptAt);
        Assert.Contains("The sender 'portal@@certportal.test' is not a mail address", send.Error);
    }

    [Fact]
    public async Task A_wrong_smtp_password_fails_the_attempt_and_once_it_is_fixed_the_retry_delivers()
    {
        await using var portal = new PortalFactory();
        using var server = await SmtpServer.StartAsync(SmtpServerMode.Auth);
        const string wrong = "wrong-password-never-logged-7731";
        await portal.UseSmtpAsync(server.Settings(), wrong);
        var customer = await portal.SeedCustomerAsync(alertEmails: "ops@contoso.test");
        var alert = portal.Expiring(customer.Id, "vpn.contoso.com", 14);

        await portal.RaiseAsync(alert);
        await portal.SendDueAsync();
        var send = Assert.Single(await portal.SendsOfAsync(alert.Id));
        Assert.Equal((NotificationOutcomes.Pending, 1), (send.Outcome, send.Attempts));
        Assert.Contains("535", send.Error);
        Assert.Empty(server.Received);

        await portal.UseSmtpAsync(server);
        portal.Clock.Advance(TimeSpan.FromMinutes(1));
        await portal.SendDueAsync();

        Assert.Single(await server.WaitForMailsAsync(1, Wait));
        send = Assert.Single(await portal.SendsOfAsync(alert.Id));
        Assert.Equal((NotificationOutcomes.Sent, 2), (send.Outcome, send.Attempts));
        Assert.Null(send.Error);
        var log = await portal.LogTextAsync();
        Assert.Contains(send.Id.ToString(), log);
        Assert.DoesNotContain(wrong, log);
        Assert.DoesNotContain(server.Password!, log);
    }

    [Fact]
    public async Task A_webhook_answering_500_fails_with_its_answer_and_the_retry_that_gets_200_ends_sent()
    {
        await using var portal = new PortalFactory();
        await using var receiver = await AlertReceiver.StartAsync("retry-key-1");
        receiver.Answer = ReceiverAnswer.ServerError;
        var customer = await portal.SeedCustomerAsync();
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        await (await admin.PostAsJsonAsync("/api/v1/notification-channels", new
        {
            name = "Ops hook", type = "webhook", customerId = customer.Id, events = new[] { AlertKinds.CertificateExpiring },
            settings = new { url = receiver.Url("/hooks/ops") }, secrets = new { signingKey = "retry-key-1" },
        })).JsonAsync(HttpStatusCode.Created);
        var alert = portal.Expiring(customer.Id, "www.contoso.com", 7);

        Assert.Equal(1, await portal.RaiseAsync(alert));
        await portal.SendDueAsync();
        var send = Assert.Single(await portal.SendsOfAsync(alert.Id));
        Assert.Equal((NotificationOutcomes.Pending, 1, "webhook", "Ops hook"), (send.Outcome, send.Attempts, send.Channel, send.To));
        // The first 200 characters of the answer, on one line; the path it echoed is cut out (for Slack and Teams it is the secret).
        Assert.StartsWith("HTTP 500: upstream database is down for /… retry later xxx", send.Error);
        Assert.Equal("HTTP 500: ".Length + 200 - "/hooks/ops".Length + "/…".Length, send.Error!.Length);

        receiver.Answer = ReceiverAnswer.Ok;
        portal.Clock.Advance(TimeSpan.FromMinutes(1));
        await portal.SendDueAsync();

        send = Assert.Single(await portal.SendsOfAsync(alert.Id));
        Assert.Equal((NotificationOutcomes.Sent, 2), (send.Outcome, send.Attempts));
        var posts = receiver.Posts;
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.True(p.SignatureValid));
        // A retry is the same event: same bytes, same id, so a receiver can drop a duplicate.
        Assert.Equal(posts[0].Body, posts[1].Body);
        Assert.Equal(alert.Id.ToString(), posts[1].Json.Str("id"));
        var warning = Assert.Single((await portal.LogTextAsync()).Split('\n'), l => l.Contains("[WRN]") && l.Contains(send.Id.ToString()));
        Assert.Contains("(certificate.expiring) through webhook to Ops hook", warning);
        Assert.Contains(customer.Id.ToString(), warning);
        Assert.Contains("failed on attempt 1 of 5: HTTP 500", warning);
    }

    [Fact]
    public async Task A_webhook_that_never_answers_times_out_after_10_seconds_while_the_mail_goes_out_at_once()
    {
        await using var portal = new PortalFactory();
        using var server = await SmtpServer.StartAsync();
        await portal.UseSmtpAsync(server);
        await using var receiver = await AlertReceiver.StartAsync("hang-key");
        receiver.Answer = ReceiverAnswer.Hang;
        var customer = await portal.SeedCustomerAsync(alertEmails: "ops@contoso.test");
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        await (await admin.PostAsJsonAsync("/api/v1/notification-channels", new
        {
            name = "Hanging hook", type = "webhook", customerId = customer.Id, events = new[] { AlertKinds.DeploymentFailed },
            settings = new { url = receiver.Url() }, secrets = new { signingKey = "hang-key" },
        })).JsonAsync(HttpStatusCode.Created);
        var alert = portal.Expiring(customer.Id, "fw01", 0) with { Kind = AlertKinds.DeploymentFailed, ObjectType = "Deployment", Title = "Deployment to fw01 failed" };
        var clock = Stopwatch.StartNew();

        Assert.Equal(2, await portal.RaiseAsync(alert));

        var mail = Assert.Single(await server.WaitForMailsAsync(1, TimeSpan.FromSeconds(8)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"the mail took {clock.Elapsed} behind a hanging webhook");
        Assert.Equal($"[CertPortal] {customer.Name}: Deployment to fw01 failed", mail.Subject);
        await receiver.WaitForPostsAsync(1);
        await portal.SendDueAsync();
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(9.5), $"the webhook gave up after {clock.Elapsed}");
        var hook = (await portal.SendsOfAsync(alert.Id)).Single(s => s.Channel == "webhook");
        Assert.Equal((NotificationOutcomes.Pending, 1), (hook.Outcome, hook.Attempts));
        Assert.StartsWith("timed out", hook.Error);
        Assert.Equal(NotificationOutcomes.Sent, (await portal.SendsOfAsync(alert.Id)).Single(s => s.Channel == "email").Outcome);
    }
}
