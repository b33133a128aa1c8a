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

    [Fact]
    public async Task The_target_form_names_vendors_and_shows_only_the_fields_that_apply_to_the_choices_made()
    {
        await Portal.CreateUserAsync("forms@msp.test", Roles.Technician);
        var page = await SignInAsync("forms@msp.test");
        await page.OpenAsync("/targets");
        await page.GetByTestId("new-target").ClickAsync();
        var dialog = page.GetByTestId("target-dialog");
        // Nothing typed yet: no error anywhere, required fields marked.
        await Assertions.Expect(dialog.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await Assertions.Expect(dialog).ToContainTextAsync("Name *");

        await page.GetByTestId("target-type").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Palo Alto PAN-OS (XML API)" })).ToContainTextAsync("commits");
        await page.ChooseAsync("target-type", "SonicWall SonicOS", exact: false);
        await Assertions.Expect(page.GetByTestId("target-field-ftpHost")).ToHaveCountAsync(0);
        await page.ChooseAsync("target-field-importVia", "ftp");
        await Assertions.Expect(page.GetByTestId("target-field-ftpHost")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("target-field-pinnedCertSha256")).ToHaveCountAsync(0);
        await page.ChooseAsync("target-field-tlsTrust", "pinned");
        await Assertions.Expect(page.GetByTestId("target-field-pinnedCertSha256")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("target-field-maintenanceWindow")).ToHaveCountAsync(0);
        await page.GetByTestId("advanced-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("target-field-maintenanceWindow")).ToHaveCountAsync(1);
        await ChromiumFixture.ScreenshotAsync(page, "target-dialog-sonicwall");

        // Test with settings that cannot work answers in the dialog, with the same field errors Save would give.
        await page.GetByTestId("dialog-test").ClickAsync();
        await Assertions.Expect(page.GetByTestId("target-dialog-error")).ToHaveTextAsync("Please correct the marked fields before testing.");
        await Assertions.Expect(dialog).ToContainTextAsync("Management URL is required");
    }

    [Fact]
    public async Task The_new_customer_dialog_shows_no_error_until_save()
    {
        await Portal.CreateUserAsync("first-day@msp.test", Roles.Technician);
        var page = await SignInAsync("first-day@msp.test");
        await page.OpenAsync("/customers");
        await page.GetByTestId("new-customer").ClickAsync();
        var dialog = page.GetByTestId("customer-dialog");
        await page.Field("customer-emails").ClickAsync();
        await Assertions.Expect(dialog).Not.ToContainTextAsync("required");
        await page.GetByTestId("save-customer").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Name is required");
    }
}
