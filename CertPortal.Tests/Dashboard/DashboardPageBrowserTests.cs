using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Dashboard;

/// <summary>The dashboard in Chromium over seeded data: its numbers, where each one leads, ReadOnly, and phone width.</summary>
public sealed class DashboardPageBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task The_dashboard_shows_the_seeded_numbers_and_the_worklist_most_urgent_first()
    {
        var data = await WatchData.SeedAsync(Portal);
        await Portal.CreateUserAsync("watch@msp.test", Roles.Technician);

        var page = await SignInAsync("watch@msp.test");

        await Assertions.Expect(page.Locator("h4").First).ToHaveTextAsync("Dashboard");
        await Assertions.Expect(page.GetByTestId("count-certificates-value")).ToHaveTextAsync("10");
        await Assertions.Expect(page.GetByTestId("count-certificates-failed-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("count-certificates-expired-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("count-certificates-expiring-7-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("count-certificates-expiring-30-value")).ToHaveTextAsync("3");
        await Assertions.Expect(page.GetByTestId("count-certificates-expiring-60-value")).ToHaveTextAsync("4");
        await Assertions.Expect(page.GetByTestId("count-deployments-value")).ToHaveTextAsync("5");
        await Assertions.Expect(page.GetByTestId("count-deployments-failed-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("count-deployments-rolled-back-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("count-deployments-outdated-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("count-deployments-waiting-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("count-client-certs-expiring-30-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("count-cas-expiring-30-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("count-customers-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("attention-total")).ToHaveTextAsync("15 in all");
        await Assertions.Expect(page.GetByTestId("attention-critical")).ToHaveTextAsync("7 critical");
        var items = page.GetByTestId("attention-item");
        await Assertions.Expect(items).ToHaveCountAsync(10);
        await Assertions.Expect(items.First).ToHaveAttributeAsync("data-kind", "certificate.expired");
        await Assertions.Expect(items.First).ToContainTextAsync($"expired.");
        await Assertions.Expect(page.GetByTestId("health-customer")).ToHaveTextAsync([data.CustomerName, data.OtherCustomerName]);
        await Assertions.Expect(page.GetByTestId("expiry-timeline-total")).ToContainTextAsync("6 certificates end in the next 91 days");
        await Assertions.Expect(page.GetByTestId("orders-summary")).ToHaveTextAsync("Certificate orders: 2 succeeded, 1 failed");
        await Assertions.Expect(page.GetByTestId("deployment-runs-summary")).ToHaveTextAsync("Deployment runs: 6 succeeded, 2 failed or rolled back");
        await ChromiumFixture.ScreenshotAsync(page, "dashboard");

        await page.GetByTestId("attention-more").ClickAsync();
        await Assertions.Expect(items).ToHaveCountAsync(15);
        await items.Filter(new() { HasText = "waits for a technician" }).GetByTestId("attention-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("deployment-title")).ToContainTextAsync("Waiting appliance");
    }

    [Fact]
    public async Task Every_count_opens_its_list_filtered_in_the_url()
    {
        var data = await WatchData.SeedAsync(Portal);
        await Portal.CreateUserAsync("counts@msp.test", Roles.ReadOnly);
        var page = await SignInAsync("counts@msp.test");
        (string Count, string Url, string Grid, string[] Rows)[] links =
        [
            ("count-certificates-failed", "/certificates?status=failed", "certificate-grid", ["failed.", "fabrikam."]),
            ("count-certificates-expired", "/certificates?status=expired", "certificate-grid", ["expired."]),
            ("count-certificates-expiring-7", "/certificates?expiring=7", "certificate-grid", ["soon."]),
            ("count-certificates-expiring-30", "/certificates?expiring=30", "certificate-grid", ["soon.", "imported.", "later."]),
            ("count-certificates-expiring-60", "/certificates?expiring=60", "certificate-grid", ["failed.", "soon.", "imported.", "later."]),
            ("count-deployments-failed", "/deployments?attention=true&status=failed", "deployment-grid", ["Failing firewall"]),
            ("count-deployments-rolled-back", "/deployments?attention=true&status=rolled-back", "deployment-grid", ["Rolled-back proxy"]),
            ("count-deployments-outdated", "/deployments?attention=true&status=outdated", "deployment-grid", ["Waiting appliance", "Old web server"]),
            ("count-deployments-waiting", "/deployments?attention=true&status=waiting", "deployment-grid", ["Waiting appliance"]),
            ("count-client-certs-expiring-30", "/client-certs?expiring=30", "client-cert-grid", ["vpn-bob-", "vpn-alice-"]),
            ("count-cas-expiring-30", "/cas?expiring=30", "ca-grid", ["Short CA"]),
        ];
        foreach (var (count, url, grid, expected) in links)
        {
            var number = await page.GetByTestId($"{count}-value").InnerTextAsync();
            Assert.Equal(expected.Length.ToString(), number);
            await page.GetByTestId(count).ClickAsync();
            await page.WaitForURLAsync(Portal.BaseUrl + url);
            var rows = page.GetByTestId(grid).Locator("tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(expected.Length);
            foreach (var text in expected)
                await Assertions.Expect(rows.Filter(new() { HasText = text })).ToHaveCountAsync(1);
            await page.GoBackAsync();
            await Assertions.Expect(page.GetByTestId("tile-certificates")).ToBeVisibleAsync();
        }

        // A customer's row of the health table opens its certificates, and the filter stays in the URL.
        await page.GetByTestId("health-row").Filter(new() { HasText = data.OtherCustomerName }).GetByTestId("health-certificates").ClickAsync();
        await page.WaitForURLAsync($"{Portal.BaseUrl}/certificates?customerId={data.OtherCustomerId}");
        await Assertions.Expect(page.GetByTestId("certificate-grid").Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("certificate-customer-filter")).ToContainTextAsync(data.OtherCustomerName);
    }

    [Fact]
    public async Task At_phone_width_the_dashboard_fits_and_ReadOnly_sees_no_action()
    {
        await WatchData.SeedAsync(Portal);
        await Portal.CreateUserAsync("sales@msp.test", Roles.ReadOnly);

        var page = await SignInAsync("sales@msp.test", new ViewportSize { Width = 375, Height = 740 });

        await Assertions.Expect(page.GetByTestId("attention-item")).ToHaveCountAsync(10);
        await Assertions.Expect(page.GetByTestId("count-certificates-value")).ToHaveTextAsync("10");
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"the page scrolls sideways at phone width: {widths[0]} > {widths[1]}");
        await Assertions.Expect(page.Locator("main button:not(.mud-nav-link):not([aria-label*='menu' i])")).ToHaveCountAsync(0);
        await ChromiumFixture.ScreenshotAsync(page, "dashboard-phone");
    }
}
