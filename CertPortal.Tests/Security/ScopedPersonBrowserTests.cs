using CertPortal.Security;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;
using Microsoft.Playwright;

namespace CertPortal.Tests.Security;

public sealed class ScopedPersonBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task An_admin_limits_a_ReadOnly_to_one_customer_who_then_sees_only_that_customer()
    {
        await Portal.CreateUserAsync("admin@msp.test", Roles.Admin);
        await Portal.CreateUserAsync("sales@msp.test", Roles.ReadOnly);
        var alpine = await Portal.SeedCustomerAsync("Alpine Bakery");
        var cedar = await Portal.SeedCustomerAsync("Cedar Clinic");
        using (var chain = new TestChain("shop.alpine.example"))
            await Portal.ImportAsync(alpine.Id, chain);
        using (var chain = new TestChain("portal.cedar.example"))
            await Portal.ImportAsync(cedar.Id, chain);

        var admin = await SignInAsync("admin@msp.test");
        await admin.OpenAsync("/users");
        var sales = admin.GetByTestId("user-grid").Locator("tr", new() { HasText = "sales@msp.test" });
        await Assertions.Expect(sales.GetByTestId("user-customer-names")).ToHaveTextAsync("every customer");
        await sales.GetByTestId("change-user-customers").ClickAsync();
        await admin.GetByTestId("user-customers").ClickAsync();
        var option = admin.GetByRole(AriaRole.Option, new() { Name = "Cedar Clinic", Exact = true });
        await option.ClickAsync();
        await Assertions.Expect(admin.Field("user-customers")).ToHaveValueAsync("Cedar Clinic");
        // A multi-select stays open after a pick; its list must be closed before the dialog's button takes a click.
        await admin.Keyboard.PressAsync("Escape");
        await Assertions.Expect(option).ToBeHiddenAsync();
        await admin.GetByTestId("save-user-customers").ClickAsync();
        await Assertions.Expect(sales.GetByTestId("user-customer-names")).ToHaveTextAsync("Cedar Clinic");
        await ChromiumFixture.ScreenshotAsync(admin, "users-customer-scope");

        var page = await SignInAsync("sales@msp.test");
        await page.OpenAsync("/");
        var health = page.GetByTestId("customer-health");
        await Assertions.Expect(health).ToContainTextAsync("Cedar Clinic");
        await Assertions.Expect(health).Not.ToContainTextAsync("Alpine Bakery");
        await Assertions.Expect(page.GetByTestId("count-customers")).ToHaveTextAsync("1");
        await ChromiumFixture.ScreenshotAsync(page, "dashboard-scoped-readonly");

        await page.OpenAsync("/certificates");
        var certificates = page.GetByTestId("certificate-grid");
        await Assertions.Expect(certificates).ToContainTextAsync("portal.cedar.example");
        await Assertions.Expect(certificates).Not.ToContainTextAsync("shop.alpine.example");
        await page.GetByTestId("certificate-customer-filter").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "Alpine Bakery" })).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");
        await ChromiumFixture.ScreenshotAsync(page, "certificates-scoped-readonly");

        await page.OpenAsync("/customers");
        var customers = page.GetByTestId("customer-grid");
        await Assertions.Expect(customers).ToContainTextAsync("Cedar Clinic");
        await Assertions.Expect(customers).ToContainTextAsync("1-1 of 1");
        await Assertions.Expect(customers).Not.ToContainTextAsync("Alpine Bakery");
        await ChromiumFixture.ScreenshotAsync(page, "customers-scoped-readonly");

        // Another customer's page answers as an unknown one would.
        await page.OpenAsync($"/customers/{alpine.Id}");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Alpine Bakery");
    }
}
