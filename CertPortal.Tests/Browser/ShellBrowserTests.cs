using System.Text.RegularExpressions;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Browser;

/// <summary>The shell around every page: dark mode that persists, a phone-sized layout, times in local time.</summary>
public sealed class ShellBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task Dark_mode_persists_across_reloads_and_onto_the_sign_in_page()
    {
        await Portal.CreateUserAsync("night@msp.test", Roles.Technician);
        var page = await SignInAsync("night@msp.test");
        Assert.DoesNotContain("cp-dark", await page.GetAttributeAsync("body", "class"));

        await page.GetByTestId("dark-mode-toggle").ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveClassAsync(new Regex("cp-dark"));
        await page.OpenAsync("/customers");
        await Assertions.Expect(page.Locator("body")).ToHaveClassAsync(new Regex("cp-dark"));
        // MudBlazor's dark palette is in force, not just our class.
        var surface = await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-surface')");
        Assert.StartsWith("rgba(26,33,41", surface.Replace(" ", ""));
        await ChromiumFixture.ScreenshotAsync(page, "customers-dark");

        await page.GotoAsync("/Account/Login");
        await Assertions.Expect(page.Locator("body")).ToHaveClassAsync(new Regex("cp-dark"));
    }

    [Fact]
    public async Task On_a_phone_the_menu_opens_from_the_app_bar()
    {
        await Portal.CreateUserAsync("phone@msp.test", Roles.Admin);
        var page = await SignInAsync("phone@msp.test", new ViewportSize { Width = 390, Height = 844 });
        var customersLink = page.GetByTestId("nav").GetByText("Customers");
        await Assertions.Expect(customersLink).Not.ToBeInViewportAsync();
        await page.GetByLabel("Menu").ClickAsync();
        await Assertions.Expect(customersLink).ToBeInViewportAsync();
        await ChromiumFixture.ScreenshotAsync(page, "overview-phone");
        await customersLink.ClickAsync();
        await page.WaitForURLAsync(new Regex("/customers$"));
        await Assertions.Expect(page.GetByTestId("new-customer")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Times_are_stored_in_utc_and_shown_in_the_browsers_time_zone()
    {
        Portal.Clock.Advance(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero) - Portal.Clock.GetUtcNow());
        await Portal.CreateUserAsync("tz@msp.test", Roles.Technician);
        var page = await SignInAsync("tz@msp.test", timeZone: "America/New_York");
        await page.OpenAsync("/audit");
        // 10:00 UTC on 1 July is 06:00 in New York (EDT).
        await Assertions.Expect(page.GetByTestId("audit-grid")).ToContainTextAsync("2026-07-01 06:00:00");
        await Assertions.Expect(page.GetByTestId("audit-grid").Locator("time").First).ToHaveAttributeAsync("title", "2026-07-01 10:00:00 UTC");
    }

    [Fact]
    public async Task An_unknown_address_shows_not_found_and_the_api_reference_renders_offline()
    {
        await Portal.CreateUserAsync("lost@msp.test", Roles.ReadOnly);
        var page = await SignInAsync("lost@msp.test");
        var missing = await page.GotoAsync("/no-such-page");
        Assert.Equal(404, missing!.Status);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("There is nothing at this address.");

        // Offline: nothing is fetched from anywhere but the portal, and the console stays clean.
        var elsewhere = new List<string>();
        var consoleErrors = new List<string>();
        page.Request += (_, request) => { if (!request.Url.StartsWith(Portal.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)) elsewhere.Add(request.Url); };
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        var docs = await page.GotoAsync("/api/docs");
        Assert.Equal(200, docs!.Status);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("CertPortal API", new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "get /api/v1/api-tokens", Exact = true })).ToHaveCountAsync(1);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(elsewhere);
        Assert.Empty(consoleErrors);
        await Assertions.Expect(page.Locator("body.dark-mode")).ToHaveCountAsync(0);
        await ChromiumFixture.ScreenshotAsync(page, "api-docs");

        // It follows the portal's dark mode and leads back to the portal.
        await page.Context.AddCookiesAsync([new() { Name = "cp-theme", Value = "dark", Url = Portal.BaseUrl }]);
        await page.GotoAsync("/api/docs");
        await Assertions.Expect(page.Locator("body.dark-mode")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await ChromiumFixture.ScreenshotAsync(page, "api-docs-dark");
        await page.GetByTestId("api-docs-back").ClickAsync();
        await page.WaitForURLAsync(Portal.BaseUrl + "/");
    }
}
