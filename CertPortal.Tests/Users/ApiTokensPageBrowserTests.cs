using System.Net;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Users;

public sealed class ApiTokensPageBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task A_token_made_on_the_page_is_shown_once_works_and_stops_working_when_revoked()
    {
        await Portal.CreateUserAsync("keys@msp.test", Roles.Admin);
        var page = await SignInAsync("keys@msp.test");
        await page.OpenAsync("/api-tokens");
        await page.GetByTestId("new-token").ClickAsync();
        await page.GetByTestId("create-token").ClickAsync();
        await Assertions.Expect(page.GetByTestId("token-dialog")).ToContainTextAsync("Name is required");
        await page.Field("token-name").FillAsync("psa-sync");
        await page.GetByTestId("create-token").ClickAsync();
        var token = await page.Field("created-token").InputValueAsync();
        Assert.StartsWith("cpt_", token);
        await ChromiumFixture.ScreenshotAsync(page, "api-token-created");
        await page.GetByTestId("close-token").ClickAsync();

        var grid = page.GetByTestId("token-grid");
        await Assertions.Expect(grid).ToContainTextAsync("psa-sync");
        await Assertions.Expect(grid).ToContainTextAsync(token[..10]);
        Assert.DoesNotContain(token, await page.ContentAsync());
        await ChromiumFixture.ScreenshotAsync(page, "api-tokens");

        var api = Portal.ApiClient(token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/customers")).StatusCode);

        await grid.GetByTestId("revoke-token").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(grid).ToContainTextAsync("No API tokens yet");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/customers")).StatusCode);
    }
}
