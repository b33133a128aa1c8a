using CertPortal.Features.Notifications;
using CertPortal.Features.Settings.Smtp;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Notifications;

/// <summary>The notification log and the channels page in Chromium: a failed send sent again, a channel made and tested.</summary>
public sealed class NotificationPagesBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task The_log_shows_a_failed_send_with_its_error_and_Resend_delivers_it_while_ReadOnly_only_looks()
    {
        await Portal.CreateUserAsync("tech@msp.test", Roles.Technician);
        await Portal.CreateUserAsync("sales@msp.test", Roles.ReadOnly);
        var contoso = await Portal.SeedCustomerAsync("Contoso", "", "ops@contoso.test");
        var fabrikam = await Portal.SeedCustomerAsync("Fabrikam", "", "it@fabrikam.test");
        using var server = await SmtpServer.StartAsync();
        await Portal.UseSmtpAsync(server);
        await Portal.RaiseAsync(Portal.Expiring(fabrikam.Id, "mail.fabrikam.test", 30));
        await server.WaitForMailsAsync(1, TimeSpan.FromSeconds(20));
        await Portal.SendDueAsync();
        var deadPort = FreePort.Next();
        await Portal.UseSmtpAsync(new SmtpSettings("127.0.0.1", deadPort, "none", null, "portal@certportal.test", null), null);
        var lost = Portal.Expiring(contoso.Id, "www.contoso.test", 7);
        await Portal.RaiseAsync(lost);
        await Portal.FailForGoodAsync(lost.Id);

        var page = await SignInAsync("tech@msp.test");
        await page.OpenAsync("/notifications");
        var rows = page.GetByTestId("notification-grid").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("open-channels")).ToHaveCountAsync(0);
        await ChromiumFixture.ScreenshotAsync(page, "notifications");

        // A shared link to the failures only.
        await page.OpenAsync("/notifications?outcome=failed");
        await Assertions.Expect(page.GetByTestId("notification-outcome-filter")).ToContainTextAsync("failed");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        var row = rows.First;
        await Assertions.Expect(row).ToContainTextAsync("ops@contoso.test");
        await Assertions.Expect(row).ToContainTextAsync("[CertPortal] Contoso: www.contoso.test expires in 7 days");
        await Assertions.Expect(row.GetByTestId("notification-outcome")).ToHaveTextAsync("failed");
        await Assertions.Expect(row.GetByTestId("notification-error")).ToContainTextAsync($"127.0.0.1:{deadPort}");
        await Assertions.Expect(row.GetByTestId("notification-attempts")).ToHaveTextAsync("5");

        await Portal.UseSmtpAsync(server);
        await row.GetByTestId("resend-notification").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Queued again");
        await page.ChooseAsync("notification-outcome-filter", "sent");
        var resent = rows.Filter(new() { HasText = "ops@contoso.test" });
        // The outcome moves on by itself: the page follows the sender.
        await Assertions.Expect(resent.GetByTestId("notification-outcome")).ToHaveTextAsync("sent");
        await Assertions.Expect(resent.GetByTestId("notification-attempts")).ToHaveTextAsync("1");
        Assert.Contains(server.Received, m => m.To.Contains("ops@contoso.test"));

        var viewer = await SignInAsync("sales@msp.test");
        await viewer.OpenAsync("/notifications");
        await Assertions.Expect(viewer.GetByTestId("notification-grid").Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(viewer.GetByTestId("notification-grid")).ToContainTextAsync("mail.fabrikam.test expires in 30 days");
        await Assertions.Expect(viewer.GetByTestId("resend-notification")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByTestId("open-channels")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByTestId("nav")).ToContainTextAsync("Notifications");
        await Assertions.Expect(viewer.GetByTestId("nav")).Not.ToContainTextAsync("Notification channels");
    }

    [Fact]
    public async Task An_admin_adds_a_webhook_channel_from_the_log_page_and_Test_shows_the_answer_in_its_row()
    {
        await using var receiver = await AlertReceiver.StartAsync("browser-signing-key");
        await Portal.CreateUserAsync("admin@msp.test", Roles.Admin);
        await Portal.SeedCustomerAsync("Northwind");
        var page = await SignInAsync("admin@msp.test");
        await page.OpenAsync("/notifications");
        await page.GetByTestId("open-channels").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/notifications/channels$"));

        await page.GetByTestId("new-channel").ClickAsync();
        await page.Field("channel-name").FillAsync("Northwind automation");
        await page.ChooseAsync("channel-type", "Webhook (signed JSON)");
        await page.ChooseAsync("channel-customer", "Northwind");
        await page.Field("channel-field-url").FillAsync("not a url");
        await page.GetByTestId("save-channel").ClickAsync();
        var dialog = page.GetByTestId("channel-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("URL must be an absolute http:// or https:// URL.");
        await Assertions.Expect(dialog).ToContainTextAsync("Signing key is required.");
        await page.Field("channel-field-url").FillAsync(receiver.Url());
        await page.Field("channel-field-signingKey").FillAsync("browser-signing-key");
        await page.GetByTestId($"channel-event-{AlertKinds.CertificateRecovered}").ClickAsync();
        await page.GetByTestId("save-channel").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        var row = page.GetByTestId("channel-grid").Locator("tbody tr").Filter(new() { HasText = "Northwind automation" });
        await Assertions.Expect(row).ToContainTextAsync("Northwind");
        await Assertions.Expect(row).Not.ToContainTextAsync(AlertKinds.CertificateRecovered);
        receiver.Answer = ReceiverAnswer.Hang;
        await row.GetByTestId("test-channel").ClickAsync();
        await Assertions.Expect(row.GetByTestId("channel-testing")).ToBeVisibleAsync();
        await Assertions.Expect(row.GetByTestId("channel-test-result")).ToContainTextAsync("timed out", new() { Timeout = 20_000 });
        receiver.Answer = ReceiverAnswer.Ok;
        await row.GetByTestId("test-channel").ClickAsync();
        await Assertions.Expect(row.GetByTestId("channel-test-result")).ToContainTextAsync("Delivered: HTTP 200.");
        Assert.True(receiver.Posts[^1].SignatureValid);
        Assert.DoesNotContain("browser-signing-key", await page.ContentAsync());
        await ChromiumFixture.ScreenshotAsync(page, "notification-channels");

        await page.OpenAsync("/notifications?kind=test");
        await Assertions.Expect(page.GetByTestId("notification-grid").Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("nav")).ToContainTextAsync("Notification channels");
    }

    [Fact]
    public async Task The_log_works_at_phone_width()
    {
        await Portal.CreateUserAsync("phone@msp.test", Roles.Technician);
        var customer = await Portal.SeedCustomerAsync("Tailspin", "", "ops@tailspin.test");
        await Portal.UseSmtpAsync(new SmtpSettings("127.0.0.1", FreePort.Next(), "none", null, "portal@certportal.test", null), null);
        await Portal.RaiseAsync(Portal.Expiring(customer.Id, "www.tailspin.test", 14));
        await Portal.SendDueAsync();

        var page = await SignInAsync("phone@msp.test", new ViewportSize { Width = 375, Height = 812 });
        await page.OpenAsync("/notifications");
        var row = page.GetByTestId("notification-grid").Locator("tbody tr").First;
        await Assertions.Expect(row.GetByTestId("notification-outcome")).ToHaveTextAsync("retrying");
        await Assertions.Expect(row.GetByTestId("resend-notification")).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone");
    }
}
