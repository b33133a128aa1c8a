using CertPortal.Features.Settings;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CertPortal.Tests.Settings;

public sealed class SettingsPageBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task An_admin_saves_smtp_and_alert_rules_and_a_test_mail_arrives_with_the_servers_answer_shown()
    {
        using var server = await SmtpServer.StartAsync(SmtpServerMode.Auth);
        await Portal.CreateUserAsync("admin@msp.test", Roles.Admin);
        var page = await SignInAsync("admin@msp.test");
        await page.OpenAsync("/");
        await page.GetByTestId("nav").GetByText("Settings").ClickAsync();
        await page.WaitForURLAsync(Portal.BaseUrl + "/settings");
        await page.GetByTestId("circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.Field("smtp-host").FillAsync(server.Host);
        await page.Field("smtp-port").FillAsync(server.Port.ToString());
        await page.ChooseAsync("smtp-security", "None (plain, lab only)");
        await page.Field("smtp-username").FillAsync(server.Username!);
        await page.Field("smtp-password").FillAsync(server.Password!);
        await page.Field("smtp-from").FillAsync("not an address");
        await page.GetByTestId("save-smtp").ClickAsync();
        await Assertions.Expect(page.GetByTestId("smtp-settings")).ToContainTextAsync("'not an address' is not a valid email address.");
        await page.Field("smtp-from").FillAsync("portal@msp.test");
        await page.GetByTestId("save-smtp").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "SMTP settings saved." })).ToBeVisibleAsync();
        await Assertions.Expect(page.Field("smtp-password")).ToHaveValueAsync("");
        await Assertions.Expect(page.Field("smtp-password")).ToHaveAttributeAsync("placeholder", "set");
        Assert.DoesNotContain(server.Password!, await page.ContentAsync());

        await page.Field("test-mail-to").FillAsync("ops@msp.test");
        await page.GetByTestId("send-test-mail").ClickAsync();
        await Assertions.Expect(page.GetByTestId("test-mail-result")).ToContainTextAsync("250 2.0.0 OK: queued as test-0001");
        var mail = Assert.Single(await server.WaitForMailsAsync(1, TimeSpan.FromSeconds(15)));
        Assert.Equal(["ops@msp.test"], mail.To);
        Assert.Equal("CertPortal test mail", mail.Subject);

        await page.Field("alert-thresholds").FillAsync("14, 60, x");
        await page.GetByTestId("save-alerts").ClickAsync();
        await Assertions.Expect(page.GetByTestId("alert-rules")).ToContainTextAsync("'x' is not a number of days.");
        await page.Field("alert-thresholds").FillAsync("14, 60, 400");
        await page.GetByTestId("save-alerts").ClickAsync();
        await Assertions.Expect(page.GetByTestId("alert-rules")).ToContainTextAsync("400 is not a threshold: use days from 1 to 365.");
        await page.Field("alert-thresholds").FillAsync("14, 60, 3");
        await page.Field("alert-emails").FillAsync("noc@msp.test\noncall@msp.test");
        await page.GetByLabel("Daily digest").CheckAsync();
        await page.ChooseAsync("alert-digest-hour", "08:00");
        await page.Field("alert-waiting").FillAsync("12");
        await page.GetByTestId("save-alerts").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Alert rules saved." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("alert-threshold-chips")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("60 days.*14 days.*3 days"));

        // 08:00 in the browser's zone (Europe/Berlin) is stored in UTC.
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var expectedUtcHour = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(Portal.Clock.GetUtcNow().UtcDateTime.Date.AddHours(8), DateTimeKind.Unspecified), berlin).Hour;
        var rules = await Portal.InScopeAsync(sp => sp.GetRequiredService<IAlertRules>().GetAsync(CancellationToken.None));
        Assert.Equal([60, 14, 3], rules.ExpiryThresholdDays);
        Assert.Equal(["noc@msp.test", "oncall@msp.test"], rules.GlobalEmails);
        Assert.Equal((true, expectedUtcHour, 12), (rules.DailyDigest, rules.DigestHourUtc, rules.WaitingHours));
        await Assertions.Expect(page.GetByTestId("alert-rules")).ToContainTextAsync($"Stored as {expectedUtcHour:00}:00 UTC");
        await ChromiumFixture.ScreenshotAsync(page, "settings");

        // Phone width: the forms stack and nothing runs off the side.
        await page.SetViewportSizeAsync(375, 800);
        await page.OpenAsync("/settings");
        await Assertions.Expect(page.Field("smtp-host")).ToHaveValueAsync(server.Host);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the settings page scrolls sideways at 375 px");
    }

    [Fact]
    public async Task A_technician_has_no_settings_entry_and_the_page_is_forbidden()
    {
        await Portal.CreateUserAsync("tech@msp.test", Roles.Technician);
        var page = await SignInAsync("tech@msp.test");
        await page.OpenAsync("/");
        await Assertions.Expect(page.GetByTestId("nav")).ToContainTextAsync("Certificates");
        await Assertions.Expect(page.GetByTestId("nav")).Not.ToContainTextAsync("Settings");

        var denied = await page.GotoAsync("/settings");
        Assert.Equal(403, denied!.Status);
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("smtp-settings")).ToHaveCountAsync(0);
    }
}
