using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Users;

public sealed class UsersPageBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task An_admin_changes_a_role_disables_a_user_and_resets_a_password_from_the_users_page()
    {
        await Portal.CreateUserAsync("boss@msp.test", Roles.Admin);
        await Portal.CreateUserAsync("junior@msp.test", Roles.Technician);
        var page = await SignInAsync("boss@msp.test");
        await page.OpenAsync("/users");
        var row = page.GetByTestId("user-grid").Locator("tr", new() { HasText = "junior@msp.test" });
        await Assertions.Expect(row).ToContainTextAsync("active");

        await row.GetByTestId("user-role").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "ReadOnly" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("junior@msp.test is now ReadOnly");

        await row.GetByLabel("Disable junior@msp.test").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("disabled");

        await row.GetByLabel("Reset password of junior@msp.test").ClickAsync();
        await page.Field("reset-password").FillAsync("short");
        await page.GetByTestId("confirm-reset").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("at least 12 characters");
        await page.Field("reset-password").FillAsync(TestPasswords.Other);
        await page.GetByTestId("confirm-reset").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("Set a new password for junior@msp.test");

        // The admin cannot lock themselves out.
        var own = page.GetByTestId("user-grid").Locator("tr", new() { HasText = "boss@msp.test" });
        await own.GetByLabel("Disable boss@msp.test").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("cannot disable your own account");
        await ChromiumFixture.ScreenshotAsync(page, "users-actions");
    }

    [Fact]
    public async Task Every_user_can_change_their_own_password()
    {
        await Portal.CreateUserAsync("self@msp.test", Roles.ReadOnly);
        var page = await SignInAsync("self@msp.test");
        await page.GotoAsync("/Account/ChangePassword");
        await page.FillAsync("#current", "not my password at all");
        await page.FillAsync("#new", TestPasswords.Other);
        await page.FillAsync("#confirm", TestPasswords.Other);
        await page.GetByTestId("change-password").ClickAsync();
        await Assertions.Expect(page.GetByTestId("change-password-error")).ToContainTextAsync("current password is wrong");

        await page.FillAsync("#current", TestPasswords.Default);
        await page.FillAsync("#new", TestPasswords.Other);
        await page.FillAsync("#confirm", TestPasswords.Other);
        await page.GetByTestId("change-password").ClickAsync();
        await Assertions.Expect(page.GetByTestId("password-changed")).ToBeVisibleAsync();
        await ChromiumFixture.ScreenshotAsync(page, "change-password");

        // Still signed in after the change; the new password works next time.
        await page.OpenAsync("/customers");
        await Assertions.Expect(page.GetByTestId("customer-grid")).ToBeVisibleAsync();
        var again = await SignInAsync("self@msp.test", password: TestPasswords.Other);
        await Assertions.Expect(again.GetByTestId("account-menu")).ToBeVisibleAsync();
    }
}
