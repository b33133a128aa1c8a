using System.Runtime.Versioning;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Endpoints;

/// <summary>The Discovery and Endpoints pages in Chromium: a scan started from the form, its live page, the watched list with its badges and actions.</summary>
[SupportedOSPlatform("linux")]
public sealed class DiscoveryPagesBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task A_scan_started_on_the_page_shows_its_findings_and_the_endpoints_page_badges_checks_and_adopts_them()
    {
        using var complete = await TlsSite.StartAsync("page.endpoints.test");
        using var incomplete = await TlsSite.StartAsync("half.endpoints.test", leafOnly: true);
        var customer = await Portal.SeedCustomerAsync("Contoso");
        await Portal.CreateUserAsync("scanner@msp.test", Roles.Technician);
        var page = await SignInAsync("scanner@msp.test");

        await page.OpenAsync("/discovery");
        await page.ChooseAsync("scan-customer", "Contoso");
        await page.Field("scan-hosts").FillAsync("127.0.0.0/21");
        await page.Field("scan-ports").FillAsync($"{complete.Port}, {incomplete.Port}");
        await page.GetByTestId("scan-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("scan-error")).ToContainTextAsync("wider than a /22");

        await page.Field("scan-hosts").FillAsync("127.0.0.1");
        await page.GetByTestId("scan-start").ClickAsync();
        await page.WaitForURLAsync("**/discovery/scans/*");
        await Assertions.Expect(page.GetByTestId("scan-status")).ToHaveTextAsync("finished", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("scan-progress")).ToHaveTextAsync("2 of 2 tried · 2 found");
        var findings = page.GetByTestId("scan-findings").Locator("tbody tr");
        await Assertions.Expect(findings).ToHaveCountAsync(2);
        await Assertions.Expect(findings.Filter(new() { HasText = $"127.0.0.1:{complete.Port}" })).ToContainTextAsync("CN=page.endpoints.test");
        await Assertions.Expect(findings.First.GetByTestId("finding-known")).ToHaveTextAsync("unknown");
        await ChromiumFixture.ScreenshotAsync(page, "discovery-scan");

        await page.OpenAsync("/discovery");
        await Assertions.Expect(page.GetByTestId("scan-list").Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("scan-status")).ToHaveTextAsync("finished (2 / 2)");
        await ChromiumFixture.ScreenshotAsync(page, "discovery");

        await page.OpenAsync($"/endpoints?customerId={customer.Id}");
        var rows = page.GetByTestId("endpoint-grid").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var half = rows.Filter(new() { HasText = $"127.0.0.1:{incomplete.Port}" });
        var whole = rows.Filter(new() { HasText = $"127.0.0.1:{complete.Port}" });
        await Assertions.Expect(half.GetByTestId("endpoint-problem")).ToHaveTextAsync("chain incomplete");
        await Assertions.Expect(whole.GetByTestId("endpoint-problem")).ToHaveTextAsync("ok");
        await Assertions.Expect(whole.GetByTestId("endpoint-unknown")).ToBeVisibleAsync();
        await ChromiumFixture.ScreenshotAsync(page, "endpoints");

        await page.GetByLabel("With a problem only").CheckAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await page.GetByLabel("With a problem only").UncheckAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        await half.GetByTestId("endpoint-check").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"Checked 127.0.0.1:{incomplete.Port}.");
        await whole.GetByTestId("endpoint-adopt").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("Now tracking the certificate");
        await Assertions.Expect(whole.GetByTestId("endpoint-tracked")).ToHaveTextAsync("v1");

        // The replacement order opens the request dialog with the names the served certificate carries.
        await half.GetByTestId("endpoint-replace").ClickAsync();
        await Assertions.Expect(page.Field("request-cn")).ToHaveValueAsync("half.endpoints.test");
        await Assertions.Expect(page.Field("request-sans")).ToHaveValueAsync("www.half.endpoints.test");

        await page.OpenAsync("/");
        await Assertions.Expect(page.GetByTestId("count-endpoints-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("count-endpoints-problems-value")).ToHaveTextAsync("1");
    }
}
