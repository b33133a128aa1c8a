using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Targets;

/// <summary>The targets page in Chromium: a form built from the connector's declared fields, and a live Test.</summary>
public sealed class TargetsPageBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task A_technician_adds_a_webhook_target_from_its_declared_fields_and_tests_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync("page-secret-12345");
        await Portal.CreateUserAsync("targets@msp.test", Roles.Technician);
        await Portal.CreateUserAsync("look@msp.test", Roles.ReadOnly);
        await Portal.SeedCustomerAsync("Fabrikam Law");
        var page = await SignInAsync("targets@msp.test");
        await page.OpenAsync("/targets");
        await page.GetByTestId("new-target").ClickAsync();
        await page.ChooseAsync("target-customer", "Fabrikam Law");
        await page.Field("target-name").FillAsync("Fabrikam automation");
        await page.Field("target-field-url").FillAsync(receiver.Url);
        await page.ChooseAsync("target-field-includeKey", "No");
        await page.GetByTestId("save-target").ClickAsync();
        await Assertions.Expect(page.GetByTestId("target-dialog")).ToContainTextAsync("HMAC secret is required");
        await page.Field("target-field-hmacSecret").FillAsync("page-secret-12345");
        await page.GetByTestId("save-target").ClickAsync();
        var grid = page.GetByTestId("target-grid");
        await Assertions.Expect(grid).ToContainTextAsync("Fabrikam automation");
        await Assertions.Expect(grid).ToContainTextAsync(receiver.Url);

        await grid.GetByTestId("test-target").ClickAsync();
        await Assertions.Expect(page.GetByTestId("target-test-result")).ToContainTextAsync("The webhook answered 200");
        Assert.DoesNotContain("page-secret-12345", await page.ContentAsync());
        await ChromiumFixture.ScreenshotAsync(page, "targets");
        var api = Portal.ApiClient(await Portal.CreateTokenAsync("technician"));
        Assert.Contains("\"includeKey\":\"false\"", await api.GetStringAsync("/api/v1/targets"));

        var viewer = await SignInAsync("look@msp.test");
        await viewer.OpenAsync("/targets");
        await Assertions.Expect(viewer.GetByTestId("target-grid")).ToContainTextAsync("Fabrikam automation");
        await Assertions.Expect(viewer.GetByTestId("new-target")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByTestId("test-target")).ToHaveCountAsync(0);
    }
}
