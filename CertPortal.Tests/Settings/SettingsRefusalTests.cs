using System.Net;
using System.Net.Http.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Settings;

/// <summary>Bad settings are 400s naming each field and audited as refused; only admins reach the settings at all.</summary>
public sealed class SettingsRefusalTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Bad_smtp_settings_are_refused_field_by_field_audited_and_nothing_is_stored()
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        await (await admin.PutAsJsonAsync("/api/v1/settings/smtp", new { host = "mail.msp.test", port = 25, security = "none", from = "portal@msp.test" })).JsonAsync();

        var refused = await admin.PutAsJsonAsync("/api/v1/settings/smtp", new { host = " ", port = 70000, security = "ssl", from = "portal at msp", pinnedCertSha256 = "abc123" });

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Contains("Host is required.", errors.GetProperty("host").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("between 1 and 65535", errors.GetProperty("port")[0].GetString());
        Assert.Contains("none, starttls, tls", errors.GetProperty("security")[0].GetString());
        Assert.Contains("not a valid email address", errors.GetProperty("from")[0].GetString());
        Assert.Contains("64 hex", errors.GetProperty("pinnedCertSha256")[0].GetString());
        var audit = await SettingsApiTests.LatestAuditAsync(admin, "settings.smtp.update");
        Assert.Equal("failure", audit.Str("outcome"));
        Assert.StartsWith("Refused:", audit.Str("summary"));
        Assert.Equal("mail.msp.test", (await (await admin.GetAsync("/api/v1/settings/smtp")).JsonAsync()).Str("host"));
    }

    [Fact]
    public async Task A_username_without_any_password_is_refused()
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        await (await admin.PutAsJsonAsync("/api/v1/settings/smtp", new { host = "mail.msp.test", port = 25, security = "none", from = "portal@msp.test" })).JsonAsync();

        var messages = await ProblemAssert.IsInvalidFieldAsync(
            await admin.PutAsJsonAsync("/api/v1/settings/smtp", new { host = "mail.msp.test", port = 25, security = "none", username = "alerts", from = "portal@msp.test" }),
            "secrets.password");

        Assert.Contains("Password is required when a username is set.", messages);
    }

    [Fact]
    public async Task Bad_alert_rules_are_refused_field_by_field_and_audited()
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));

        var refused = await admin.PutAsJsonAsync("/api/v1/settings/alerts", new
        {
            expiryThresholdDays = new[] { 30, 0, 400, 7, 7 }, globalEmails = new[] { "noc@msp.test", "not-a-mail" }, dailyDigest = true, digestHourUtc = 24, waitingHours = 0,
        });

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        var thresholds = errors.GetProperty("expiryThresholdDays").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(thresholds, m => m!.StartsWith("0 is not a threshold"));
        Assert.Contains(thresholds, m => m!.StartsWith("400 is not a threshold"));
        Assert.Contains("7 days is listed more than once.", thresholds);
        Assert.Contains("'not-a-mail'", errors.GetProperty("globalEmails")[0].GetString());
        Assert.Contains("0 to 23", errors.GetProperty("digestHourUtc")[0].GetString());
        Assert.Contains("1 to 720", errors.GetProperty("waitingHours")[0].GetString());
        Assert.Equal("failure", (await SettingsApiTests.LatestAuditAsync(admin, "settings.alerts.update")).Str("outcome"));

        var tooMany = await ProblemAssert.IsInvalidFieldAsync(
            await admin.PutAsJsonAsync("/api/v1/settings/alerts", new { expiryThresholdDays = Enumerable.Range(1, 9).ToArray() }), "expiryThresholdDays");
        Assert.Contains("At most 8 expiry thresholds.", tooMany);
        Assert.Contains("At least one", (await ProblemAssert.IsInvalidFieldAsync(
            await admin.PutAsJsonAsync("/api/v1/settings/alerts", new { expiryThresholdDays = Array.Empty<int>() }), "expiryThresholdDays"))[0]);
    }

    [Fact]
    public async Task A_test_mail_to_a_bad_address_is_a_400_and_audited()
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));

        var messages = await ProblemAssert.IsInvalidFieldAsync(await admin.PostAsJsonAsync("/api/v1/settings/smtp/test", new { to = "nobody" }), "to");

        Assert.Contains("'nobody' is not a valid email address.", messages);
        var audit = await SettingsApiTests.LatestAuditAsync(admin, "settings.smtp.test");
        Assert.Equal("failure", audit.Str("outcome"));
    }

    [Theory]
    [InlineData("technician")]
    [InlineData("readonly")]
    public async Task Only_admins_reach_the_settings(string role)
    {
        var client = portal.ApiClient(await portal.CreateTokenAsync(role));
        var smtp = new { host = "evil.test", port = 25, security = "none", from = "x@evil.test" };

        foreach (var response in new[]
                 {
                     await client.GetAsync("/api/v1/settings/smtp"),
                     await client.PutAsJsonAsync("/api/v1/settings/smtp", smtp),
                     await client.PostAsJsonAsync("/api/v1/settings/smtp/test", new { to = "x@evil.test" }),
                     await client.GetAsync("/api/v1/settings/alerts"),
                     await client.PutAsJsonAsync("/api/v1/settings/alerts", new { expiryThresholdDays = new[] { 2 } }),
                 })
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);

        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        Assert.NotEqual("evil.test", (await (await admin.GetAsync("/api/v1/settings/smtp")).JsonAsync()).Str("host"));
        Assert.NotEqual([2], (await (await admin.GetAsync("/api/v1/settings/alerts")).JsonAsync()).GetProperty("expiryThresholdDays").EnumerateArray().Select(d => d.GetInt32()));
    }
}
