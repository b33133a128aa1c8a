using System.Text;
using CertPortal.Security;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Deployments;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Reports;

/// <summary>The printable customer report in Chromium: what it shows, and what is left when the browser prints it.</summary>
public sealed class CustomerReportBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task The_report_shows_the_customers_certificates_deployments_and_what_ends_soon_and_its_csv_link_downloads()
    {
        var (customer, _) = await SeedAsync();
        await Portal.CreateUserAsync("sales@msp.test", Roles.ReadOnly);
        var page = await SignInAsync("sales@msp.test");

        await page.OpenAsync($"/reports/customers/{customer}");

        await Assertions.Expect(page.GetByTestId("report-customer")).ToHaveTextAsync("Contoso Reports");
        await Assertions.Expect(page.GetByTestId("report-certificate-name")).ToHaveTextAsync(["mail.contoso.test", "shop.contoso.test"]);
        await Assertions.Expect(page.GetByTestId("report-certificate").First).ToContainTextAsync("imported, not renewed");
        await Assertions.Expect(page.GetByTestId("summary-certificates")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("summary-expiring")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("summary-bindings")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("summary-bindings-attention")).ToHaveTextAsync("1");
        var edge = page.GetByTestId("report-deployment").Filter(new() { HasText = "Edge proxy" });
        await Assertions.Expect(edge.GetByTestId("report-deployment-run")).ToHaveTextAsync("verified");
        await Assertions.Expect(edge.GetByTestId("report-deployment-served")).ToHaveTextAsync("v1 (current)");
        var appliance = page.GetByTestId("report-deployment").Filter(new() { HasText = "Old appliance" });
        await Assertions.Expect(appliance.GetByTestId("report-deployment-run")).ToHaveTextAsync("never run");
        await Assertions.Expect(appliance.GetByTestId("report-deployment-served")).ToHaveTextAsync("not verified yet");
        await Assertions.Expect(page.GetByTestId("report-expiring-ca")).ToContainTextAsync("Contoso Badges CA");
        await Assertions.Expect(page.GetByTestId("report-expiring-client-cert")).ToContainTextAsync("door-reader");
        await Assertions.Expect(page.GetByTestId("report-print")).ToBeVisibleAsync();
        await ChromiumFixture.ScreenshotAsync(page, "customer-report");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("report-csv").ClickAsync());
        var csv = CsvText.Parse(await new StreamReader(await download.CreateReadStreamAsync()).ReadToEndAsync());
        Assert.Equal(["Contoso Reports"], csv.Skip(1).Select(r => r[0]).Distinct());
        Assert.Equal("Edge proxy", csv.Single(r => r[1] == "shop.contoso.test")[7]);
    }

    [Fact]
    public async Task Printed_the_report_has_no_navigation_or_buttons_and_a_page_per_section()
    {
        var (customer, _) = await SeedAsync();
        await Portal.CreateUserAsync("print@msp.test", Roles.Technician);
        var page = await SignInAsync("print@msp.test");
        await page.OpenAsync($"/reports/customers/{customer}");
        await Assertions.Expect(page.GetByTestId("nav")).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Assertions.Expect(page.GetByTestId("nav")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("account-menu")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("report-print")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("report-csv")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("report-certificates")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("article button:visible, article a.mud-button-root:visible").CountAsync());
        Assert.Equal("page", await page.GetByTestId("report-deployments").EvaluateAsync<string>("s => getComputedStyle(s).breakBefore"));

        // What "Save as PDF" makes: each of the four sections starts a page.
        var pdf = await page.PdfAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotFolder, "customer-report.pdf"), Format = "A4" });
        var pages = System.Text.RegularExpressions.Regex.Matches(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count;
        Assert.True(pages >= 4, $"the PDF has {pages} page(s)");
    }

    [Fact]
    public async Task An_unknown_customer_shows_a_message_not_a_report()
    {
        await Portal.CreateUserAsync("lost@msp.test", Roles.ReadOnly);
        var page = await SignInAsync("lost@msp.test");
        await page.OpenAsync($"/reports/customers/{Guid.NewGuid()}");
        await Assertions.Expect(page.GetByTestId("report-missing")).ToHaveTextAsync("No such customer.");
    }

    /// <summary>Two imported certificates (one ending in 10 days), one verified on a webhook device, one bound to a manual target never run; a CA and a client certificate ending soon.</summary>
    private async Task<(Guid Customer, Guid Shop)> SeedAsync()
    {
        var customer = (await Portal.SeedCustomerAsync("Contoso Reports")).Id;
        using var shop = new TestChain("shop.contoso.test");
        using var mail = new TestChain("mail.contoso.test", days: 10);
        var shopCertificate = await Portal.ImportAsync(customer, shop);
        var mailCertificate = await Portal.ImportAsync(customer, mail);
        await using var device = await WebhookDevice.StartAsync();
        var edge = await Portal.SeedWebhookTargetAsync(customer, "Edge proxy", device.HookUrl, device.TlsPort, "shop.contoso.test");
        var appliance = await Portal.SeedManualTargetAsync(customer, "Old appliance");
        Assert.Equal("verified", await Portal.RunToEndAsync((await Portal.BindAsync(shopCertificate.Id, edge.Id)).Id));
        await Portal.BindAsync(mailCertificate.Id, appliance.Id);
        var ca = await Portal.SeedCaAsync(customer, "Contoso Badges CA", 20);
        await Portal.SeedClientCertAsync(ca.Id, "door-reader", 10);
        return (customer, shopCertificate.Id);
    }
}
