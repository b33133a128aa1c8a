using CertPortal.Security;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;
using Microsoft.Playwright;

namespace CertPortal.Tests.Browser;

/// <summary>Detail pages on a 390 px phone: wide tables turn into cards and the primary actions stay on screen.</summary>
public sealed class PhoneBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task The_certificate_and_binding_pages_fit_a_phone_with_their_tables_as_cards_and_run_now_on_screen()
    {
        await Portal.CreateUserAsync("phone-tech@msp.test", Roles.Technician);
        var customer = await Portal.SeedCustomerAsync("Litware");
        using var chain = new TestChain("vpn.litware.example");
        var certificate = await Portal.ImportAsync(customer.Id, chain);
        var target = await Portal.SeedManualTargetAsync(customer.Id, "Litware firewall with a long descriptive name");
        var binding = await Portal.BindAsync(certificate.Id, target.Id);
        var page = await Chromium.SignedInPageAsync(Portal, "phone-tech@msp.test", Phone);

        await page.OpenAsync($"/certificates/{certificate.Id}");
        var deployments = page.GetByTestId("certificate-deployments");
        await Assertions.Expect(deployments).ToContainTextAsync("Litware firewall");

        // A card: the column headings are hidden and each cell carries its own.
        await Assertions.Expect(deployments.Locator("thead")).ToBeHiddenAsync();
        await Assertions.Expect(deployments.Locator("td[data-label=Target]")).ToHaveCountAsync(1);
        await AssertOnScreenAsync(page, deployments.GetByRole(AriaRole.Button, new() { Name = "Run now" }));
        await AssertNoSidewaysScrollAsync(page);
        await ChromiumFixture.ScreenshotAsync(page, "phone-certificate-detail");

        await page.OpenAsync($"/deployments/{binding.Id}");
        await AssertOnScreenAsync(page, page.GetByTestId("run-deployment"));
        await AssertNoSidewaysScrollAsync(page);
        await ChromiumFixture.ScreenshotAsync(page, "phone-deployment-detail");

        await page.OpenAsync($"/customers/{customer.Id}");
        await Assertions.Expect(page.Locator(".cp-cards td[data-label]").First).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(page);
        await ChromiumFixture.ScreenshotAsync(page, "phone-customer-detail");
    }

    private static async Task AssertOnScreenAsync(IPage page, ILocator action)
    {
        await Assertions.Expect(action).ToBeVisibleAsync();
        var box = (await action.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= Phone.Width, $"The action spans x {box.X}..{box.X + box.Width}, past the {Phone.Width} px screen.");
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= Phone.Width, $"The page is {width} px wide on a {Phone.Width} px screen.");
    }
}
