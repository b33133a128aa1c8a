using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Features.Settings;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Settings;

/// <summary>/api/v1/settings: SMTP with its write-only password, the test mail against real aiosmtpd servers, alert rules.</summary>
public sealed class SettingsApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_password_is_write_only_kept_when_empty_and_dropped_with_the_username()
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var body = new { host = "mail.msp.test", port = 587, security = "starttls", username = "alerts", from = "portal@msp.test", secrets = new { password = "Sm7p-Secret-One" } };

        var saved = await (await admin.PutAsJsonAsync("/api/v1/settings/smtp", body)).JsonAsync();
        AssertSmtp(saved, "mail.msp.test", 587, "starttls", "alerts", "portal@msp.test", passwordSet: true);
        var read = await admin.GetAsync("/api/v1/settings/smtp");
        var text = await read.Content.ReadAsStringAsync();
        AssertSmtp(await read.JsonAsync(), "mail.msp.test", 587, "starttls", "alerts", "portal@msp.test", passwordSet: true);
        Assert.DoesNotContain("Sm7p-Secret-One", text);

        var kept = await (await admin.PutAsJsonAsync("/api/v1/settings/smtp", body with { port = 2525, secrets = new { password = "" } })).JsonAsync();
        AssertSmtp(kept, "mail.msp.test", 2525, "starttls", "alerts", "portal@msp.test", passwordSet: true);
        Assert.Equal("Sm7p-Secret-One", await StoredPasswordAsync());

        await (await admin.PutAsJsonAsync("/api/v1/settings/smtp", new { host = "mail.msp.test", port = 587, security = "starttls", username = "alerts", from = "portal@msp.test", password = "Sm7p-Secret-Two" })).JsonAsync();
        Assert.Equal("Sm7p-Secret-Two", await StoredPasswordAsync());

        var noLogin = await (await admin.PutAsJsonAsync("/api/v1/settings/smtp", body with { username = "" })).JsonAsync();
        AssertSmtp(noLogin, "mail.msp.test", 587, "starttls", null, "portal@msp.test", passwordSet: false);
        Assert.Null(await StoredPasswordAsync());
    }

    [Theory]
    [InlineData(SmtpServerMode.Plain)]
    [InlineData(SmtpServerMode.StartTls)]
    [InlineData(SmtpServerMode.Auth)]
    public async Task A_test_mail_arrives_at_the_server_and_the_answer_is_the_servers(SmtpServerMode mode)
    {
        using var server = await SmtpServer.StartAsync(mode);
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        await SaveSmtpAsync(admin, server, server.Password);

        var answer = await (await admin.PostAsJsonAsync("/api/v1/settings/smtp/test", new { to = "admin@msp.test" })).JsonAsync();

        Assert.True(answer.GetProperty("ok").GetBoolean(), answer.ToString());
        Assert.StartsWith("250 2.0.0 OK: queued as test-0001", answer.Str("message"));
        var mail = Assert.Single(await server.WaitForMailsAsync(1, Wait));
        Assert.Equal(["admin@msp.test"], mail.To);
        Assert.Equal("portal@msp.test", mail.From);
        Assert.Equal(SettingsService.TestMailSubject, mail.Subject);
        var audit = await LatestAuditAsync(admin, "settings.smtp.test");
        Assert.Equal("success", audit.Str("outcome"));
        Assert.Contains("250 2.0.0 OK", audit.Str("summary"));
    }

    [Fact]
    public async Task A_wrong_password_answers_ok_false_with_the_servers_535_and_is_audited_as_a_failure()
    {
        using var server = await SmtpServer.StartAsync(SmtpServerMode.Auth);
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        await SaveSmtpAsync(admin, server, "Wrong-Pass-4711");

        var answer = await (await admin.PostAsJsonAsync("/api/v1/settings/smtp/test", new { to = "admin@msp.test" })).JsonAsync();

        Assert.False(answer.GetProperty("ok").GetBoolean());
        Assert.Contains("535 5.7.8 Authentication credentials invalid", answer.Str("message"));
        Assert.Empty(server.Received);
        var audit = await LatestAuditAsync(admin, "settings.smtp.test");
        Assert.Equal("failure", audit.Str("outcome"));
        Assert.Contains("535", audit.Str("summary"));
        Assert.DoesNotContain("Wrong-Pass-4711", audit.Str("summary"));
    }

    [Fact]
    public async Task An_unreachable_server_answers_ok_false_naming_host_and_port()
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var port = FreePort.Next();
        await (await admin.PutAsJsonAsync("/api/v1/settings/smtp", new { host = "127.0.0.1", port, security = "none", from = "portal@msp.test" })).JsonAsync();

        var answer = await (await admin.PostAsJsonAsync("/api/v1/settings/smtp/test", new { to = "admin@msp.test" })).JsonAsync();

        Assert.False(answer.GetProperty("ok").GetBoolean());
        Assert.Contains($"127.0.0.1:{port}", answer.Str("message"));
    }

    [Fact]
    public async Task Starttls_with_a_wrong_pin_answers_ok_false_and_nothing_arrives()
    {
        using var server = await SmtpServer.StartAsync(SmtpServerMode.StartTls);
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var settings = server.Settings("portal@msp.test");
        var wrongPin = string.Concat(Enumerable.Repeat("ab", 32));
        await (await admin.PutAsJsonAsync("/api/v1/settings/smtp", new { host = settings.Host, port = settings.Port, security = "starttls", from = settings.From, pinnedCertSha256 = wrongPin })).JsonAsync();

        var answer = await (await admin.PostAsJsonAsync("/api/v1/settings/smtp/test", new { to = "admin@msp.test" })).JsonAsync();

        Assert.False(answer.GetProperty("ok").GetBoolean());
        Assert.Contains("not the pinned one", answer.Str("message"));
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Alert_rules_round_trip_sorted_widest_first_and_a_left_out_field_keeps_its_value()
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));

        var saved = await (await admin.PutAsJsonAsync("/api/v1/settings/alerts", new
        {
            expiryThresholdDays = new[] { 7, 45, 1, 21 }, globalEmails = new[] { "noc@msp.test", " oncall@msp.test ", "NOC@msp.test" },
            dailyDigest = true, digestHourUtc = 5, waitingHours = 12,
        })).JsonAsync();
        AssertAlerts(saved, [45, 21, 7, 1], ["noc@msp.test", "oncall@msp.test"], true, 5, 12);
        AssertAlerts(await (await admin.GetAsync("/api/v1/settings/alerts")).JsonAsync(), [45, 21, 7, 1], ["noc@msp.test", "oncall@msp.test"], true, 5, 12);

        // A script written against the contract's three fields leaves the others as they are.
        var partial = await (await admin.PutAsJsonAsync("/api/v1/settings/alerts", new { expiryThresholdDays = new[] { 30, 14 }, globalEmails = Array.Empty<string>(), dailyDigest = false })).JsonAsync();
        AssertAlerts(partial, [30, 14], [], false, 5, 12);

        var rules = await portal.InScopeAsync(sp => sp.GetRequiredService<IAlertRules>().GetAsync(CancellationToken.None));
        Assert.Equal([30, 14], rules.ExpiryThresholdDays);
        Assert.Equal((false, 5, 12, 30), (rules.DailyDigest, rules.DigestHourUtc, rules.WaitingHours, rules.WidestThresholdDays));
        Assert.Equal("success", (await LatestAuditAsync(admin, "settings.alerts.update")).Str("outcome"));
    }

    private static Task SaveSmtpAsync(HttpClient admin, SmtpServer server, string? password)
    {
        var s = server.Settings("portal@msp.test");
        return admin.PutAsJsonAsync("/api/v1/settings/smtp", new
        {
            host = s.Host, port = s.Port, security = s.Security, username = s.Username, from = s.From, pinnedCertSha256 = s.PinnedCertSha256,
            secrets = new { password },
        }).ContinueWith(r => r.Result.JsonAsync()).Unwrap();
    }

    private Task<string?> StoredPasswordAsync() => portal.InScopeAsync(async sp =>
        (await sp.GetRequiredService<SettingsStore>().SecretsAsync("smtp", CancellationToken.None)).GetValueOrDefault("password"));

    internal static async Task<JsonElement> LatestAuditAsync(HttpClient admin, string action) =>
        (await (await admin.GetAsync($"/api/v1/audit?action={action}&pageSize=1")).JsonAsync()).Items()[0];

    private static void AssertSmtp(JsonElement smtp, string host, int port, string security, string? username, string from, bool passwordSet)
    {
        Assert.Equal((host, port, security, username, from), (smtp.Str("host"), smtp.GetProperty("port").GetInt32(), smtp.Str("security"), smtp.Str("username"), smtp.Str("from")));
        var secrets = smtp.GetProperty("secrets");
        Assert.Equal(passwordSet ? "set" : null, secrets.Str("password"));
        Assert.Equal(passwordSet ? 1 : 0, secrets.EnumerateObject().Count());
        Assert.False(smtp.TryGetProperty("password", out _), "the answer has a password field");
    }

    private static void AssertAlerts(JsonElement alerts, int[] thresholds, string[] emails, bool digest, int hour, int waiting)
    {
        Assert.Equal(thresholds, alerts.GetProperty("expiryThresholdDays").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(emails, alerts.GetProperty("globalEmails").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal((digest, hour, waiting), (alerts.GetProperty("dailyDigest").GetBoolean(), alerts.GetProperty("digestHourUtc").GetInt32(), alerts.GetProperty("waitingHours").GetInt32()));
    }
}
