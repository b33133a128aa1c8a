using CertPortal.Features.Certificates;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;
using Microsoft.Playwright;

namespace CertPortal.Tests.Certificates;

/// <summary>The certificate list: exporting what it shows as CSV, and renewing several certificates at once.</summary>
public sealed class CertificateListBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task The_csv_export_holds_every_row_the_filter_and_the_clicked_column_order_show()
    {
        await Portal.CreateUserAsync("csv@msp.test", Roles.ReadOnly);
        var customer = await Portal.SeedCustomerAsync("Contoso CSV");
        await Portal.SeedCertificateAsync(customer.Id, "alpha.list.test", days: 30);
        await Portal.SeedCertificateAsync(customer.Id, "beta.list.test", days: 60, issuer: "=HYPERLINK(\"http://evil\")");
        await Portal.SeedCertificateAsync(customer.Id, "gamma.list.test", CertificateSources.Import, days: 90);
        await Portal.SeedCertificateAsync(customer.Id, "other.example.test");

        var page = await SignInAsync("csv@msp.test");
        await page.OpenAsync("/certificates?q=list.test");
        var grid = page.GetByTestId("certificate-grid");
        await Assertions.Expect(grid.GetByTestId("certificate-link")).ToHaveCountAsync(3);
        // Name, twice: descending.
        await grid.Locator("th .sortable-column-header", new() { HasText = "Name" }).ClickAsync();
        await Assertions.Expect(grid.GetByTestId("certificate-link").First).ToHaveTextAsync("alpha.list.test");
        await grid.Locator("th .sortable-column-header", new() { HasText = "Name" }).ClickAsync();
        await Assertions.Expect(grid.GetByTestId("certificate-link").First).ToHaveTextAsync("gamma.list.test");
        await ChromiumFixture.ScreenshotAsync(page, "certificate-list");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        Assert.Equal("certificates.csv", download.SuggestedFilename);
        var rows = CsvText.Parse(await File.ReadAllTextAsync((await download.PathAsync())!));

        Assert.Equal(["Name", "Other names", "Customer", "Status", "Days left", "Expires", "Issuer", "Auto-renew"], rows[0]);
        Assert.Equal(["gamma.list.test", "beta.list.test", "alpha.list.test"], rows.Skip(1).Select(r => r[0]));
        Assert.All(rows.Skip(1), r => Assert.Equal("Contoso CSV", r[2]));
        // A value a spreadsheet would run as a formula is written as text.
        Assert.Equal("'=HYPERLINK(\"http://evil\")", rows[2][6]);
        Assert.Equal("90", rows[1][4]);
    }

    [Fact]
    public async Task Renewing_two_ticked_certificates_asks_first_then_renews_each_as_its_own_button_does_and_says_what_was_refused()
    {
        await Portal.CreateUserAsync("bulk@msp.test", Roles.Technician);
        await Portal.CreateUserAsync("look@msp.test", Roles.ReadOnly);
        var customer = await Portal.SeedCustomerAsync("Contoso Bulk");
        var alpha = await Portal.SeedCertificateAsync(customer.Id, "alpha.bulk.test");
        var gamma = await Portal.SeedCertificateAsync(customer.Id, "gamma.bulk.test", CertificateSources.Import);
        await Portal.SeedCertificateAsync(customer.Id, "untouched.bulk.test");

        var readOnly = await SignInAsync("look@msp.test");
        await readOnly.OpenAsync("/certificates");
        await Assertions.Expect(readOnly.GetByTestId("certificate-link")).ToHaveCountAsync(3);
        await Assertions.Expect(readOnly.GetByTestId("bulk-renew")).ToHaveCountAsync(0);
        await Assertions.Expect(readOnly.GetByTestId("certificate-grid").Locator(".mud-checkbox")).ToHaveCountAsync(0);

        var page = await SignInAsync("bulk@msp.test");
        await page.OpenAsync("/certificates?sort=name");
        var grid = page.GetByTestId("certificate-grid");
        await Assertions.Expect(grid.GetByTestId("certificate-link")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("bulk-renew")).ToBeDisabledAsync();
        await grid.Locator("tbody tr", new() { HasText = "alpha.bulk.test" }).Locator(".mud-checkbox").ClickAsync();
        await grid.Locator("tbody tr", new() { HasText = "gamma.bulk.test" }).Locator(".mud-checkbox").ClickAsync();
        await Assertions.Expect(page.GetByTestId("bulk-renew")).ToHaveTextAsync("Renew (2)");
        await page.GetByTestId("bulk-renew").ClickAsync();

        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("Renew 2 certificates: alpha.bulk.test, gamma.bulk.test?");
        await ChromiumFixture.ScreenshotAsync(page, "certificate-bulk-renew");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Renew", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync(
            "Renewal started for 1 certificate(s); 1 refused: gamma.bulk.test: An imported certificate cannot be renewed by the portal");
        var api = Portal.ApiClient(await Portal.CreateTokenAsync("admin"));
        var audit = await (await api.GetAsync("/api/v1/audit?user=bulk@msp.test&action=certificate.renew")).JsonAsync();
        var entries = audit.Items().Select(e => (e.Str("action"), e.Str("entityId"), e.Str("outcome"))).ToList();
        Assert.Contains(("certificate.renew-now", alpha.ToString(), "success"), entries);
        Assert.Contains(("certificate.renew", gamma.ToString(), "failure"), entries);
    }
}
