using System.Text.RegularExpressions;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Browser;

/// <summary>
/// The first hour of a new install, in Chromium: setup link from the log → first admin → a customer → a ReadOnly
/// user, who then sees no edit buttons and gets a 403 on an admin page.
/// </summary>
public sealed class FirstRunJourneyTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task Setup_link_creates_the_admin_who_adds_a_customer_and_a_readonly_user_who_cannot_edit()
    {
        var setupLink = await SetupLinkFromLogAsync();
        Assert.Contains("/setup?token=", setupLink);

        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(setupLink).PathAndQuery);
        await page.FillAsync("#email", "admin@msp.test");
        await page.FillAsync("#password", TestPasswords.Default);
        await page.FillAsync("#confirm", TestPasswords.Default);
        await ChromiumFixture.ScreenshotAsync(page, "setup");
        await page.ClickAsync("[data-testid=create-admin]");
        await page.WaitForURLAsync(Portal.BaseUrl + "/");
        await page.GetByTestId("circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.GetByTestId("account-menu")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1, h4").First).ToHaveTextAsync("Dashboard");
        await ChromiumFixture.ScreenshotAsync(page, "overview");

        // The link is used up.
        await page.GotoAsync(new Uri(setupLink).PathAndQuery);
        await Assertions.Expect(page.GetByTestId("setup-closed")).ToBeVisibleAsync();

        // A customer.
        await page.OpenAsync("/customers");
        await page.GetByTestId("new-customer").ClickAsync();
        await page.Field("customer-name").FillAsync("Contoso Dental");
        await page.Field("customer-emails").FillAsync("it@contoso-dental.test, not-an-email");
        await page.GetByTestId("save-customer").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-dialog")).ToContainTextAsync("not a valid email address");
        await page.Field("customer-emails").FillAsync("it@contoso-dental.test");
        await page.GetByTestId("save-customer").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-grid")).ToContainTextAsync("Contoso Dental");
        await Assertions.Expect(page.GetByTestId("customer-grid")).ToContainTextAsync("it@contoso-dental.test");
        await ChromiumFixture.ScreenshotAsync(page, "customers");

        // A ReadOnly user.
        await page.OpenAsync("/users");
        await page.GetByTestId("new-user").ClickAsync();
        await page.Field("user-email").FillAsync("sales@msp.test");
        await page.ChooseAsync("user-role-select", "ReadOnly");
        await page.Field("user-password").FillAsync(TestPasswords.Other);
        await page.GetByTestId("create-user").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-grid")).ToContainTextAsync("sales@msp.test");
        await ChromiumFixture.ScreenshotAsync(page, "users");

        await page.OpenAsync("/audit");
        await Assertions.Expect(page.GetByTestId("audit-grid")).ToContainTextAsync("customer.create");
        await Assertions.Expect(page.GetByTestId("audit-grid")).ToContainTextAsync("Created user sales@msp.test with role readonly");
        await ChromiumFixture.ScreenshotAsync(page, "audit");

        // Sign out, sign in as the ReadOnly user.
        await page.OpenAsync("/");
        await page.GetByTestId("account-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync(new Regex("/Account/Login"));
        await page.FillAsync("#email", "sales@msp.test");
        await page.FillAsync("#password", TestPasswords.Other);
        await ChromiumFixture.ScreenshotAsync(page, "sign-in");
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForURLAsync(Portal.BaseUrl + "/");

        await page.OpenAsync("/customers");
        await Assertions.Expect(page.GetByTestId("customer-grid")).ToContainTextAsync("Contoso Dental");
        await Assertions.Expect(page.GetByTestId("new-customer")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("edit-customer")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("delete-customer")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("nav")).Not.ToContainTextAsync("Users");
        await Assertions.Expect(page.GetByTestId("nav")).Not.ToContainTextAsync("Audit log");
        await ChromiumFixture.ScreenshotAsync(page, "customers-readonly");

        var denied = await page.GotoAsync("/users");
        Assert.Equal(403, denied!.Status);
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
    }

    private async Task<string> SetupLinkFromLogAsync()
    {
        var logs = Path.Combine(Portal.DataPath, "logs");
        // The file sink writes in the background: on a loaded machine the line can take a few seconds to land.
        for (var attempt = 0; attempt < 300; attempt++)
        {
            foreach (var file in Directory.Exists(logs) ? Directory.GetFiles(logs) : [])
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var text = await new StreamReader(stream).ReadToEndAsync();
                var match = Regex.Match(text, @"http://\S+/setup\?token=[A-Za-z0-9_\-]+");
                if (match.Success)
                    return match.Value;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("The portal logged no setup link within 30 s.");
    }
}
