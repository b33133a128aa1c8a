using CertPortal.Security;
using CertPortal.Tests.ClientCerts;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.CertificateAuthorities;

/// <summary>The CA page's Delete: refused with the issued certificates named for a CA that signed something, done for one that did not.</summary>
public sealed class CaDeleteBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task Deleting_a_ca_that_issued_a_certificate_shows_the_refusal_and_a_ca_that_issued_nothing_goes()
    {
        await Portal.CreateUserAsync("ca-delete@msp.test", Roles.Technician);
        var setup = await ClientCertSetup.CreateAsync(Portal);
        var used = await setup.CreateCaAsync("CN=Used CA");
        await setup.IssueAsync(Guid.Parse(used.Str("id")!), "alice");
        var unused = await setup.CreateCaAsync("CN=Unused CA");
        var page = await SignInAsync("ca-delete@msp.test");

        await page.OpenAsync($"/cas/{used.Str("id")}");
        await page.GetByTestId("ca-delete").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("ca-delete-refused")).ToContainTextAsync("has issued certificate alice (client certificate)");
        await Assertions.Expect(page.GetByTestId("ca-title")).ToHaveTextAsync(used.Str("name")!);

        await page.OpenAsync($"/cas/{unused.Str("id")}");
        await page.GetByTestId("ca-delete").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        // The page moves to the list in the browser (no page load to wait for): the address is polled.
        await Assertions.Expect(page).ToHaveURLAsync($"{Portal.BaseUrl}/cas");
        await Assertions.Expect(page.GetByTestId("ca-grid")).ToContainTextAsync(used.Str("name")!);
        await Assertions.Expect(page.GetByTestId("ca-grid")).Not.ToContainTextAsync(unused.Str("name")!);
    }
}
