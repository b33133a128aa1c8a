using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;
using Microsoft.Playwright;

namespace CertPortal.Tests.Targets;

/// <summary>The target list (one of the short lists): a column header sorts it in the database, and the export follows it.</summary>
public sealed class TargetListBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task A_clicked_type_header_orders_the_targets_and_the_csv_export_keeps_that_order()
    {
        await Portal.CreateUserAsync("targets@msp.test", Roles.ReadOnly);
        var customer = await Portal.SeedCustomerAsync("Contoso Targets");
        await Portal.SeedWebhookTargetAsync(customer.Id, "Alpha hook", "http://127.0.0.1:9/hook", 9443, "alpha.test");
        await Portal.SeedManualTargetAsync(customer.Id, "Beta appliance");
        await Portal.SeedWebhookTargetAsync(customer.Id, "Gamma hook", "http://127.0.0.1:9/hook", 9443, "gamma.test");

        var page = await SignInAsync("targets@msp.test");
        await page.OpenAsync("/targets");
        var grid = page.GetByTestId("target-grid");
        var names = grid.Locator("tbody tr td:nth-child(1)");
        await Assertions.Expect(names).ToHaveTextAsync(["Alpha hook", "Beta appliance", "Gamma hook"]);
        // Type, twice: webhook before manual.
        await grid.Locator("th .sortable-column-header", new() { HasText = "Type" }).ClickAsync();
        await Assertions.Expect(names).ToHaveTextAsync(["Beta appliance", "Alpha hook", "Gamma hook"]);
        await grid.Locator("th .sortable-column-header", new() { HasText = "Type" }).ClickAsync();
        await Assertions.Expect(names).ToHaveTextAsync(["Alpha hook", "Gamma hook", "Beta appliance"]);
        await ChromiumFixture.ScreenshotAsync(page, "targets");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        var rows = CsvText.Parse(await File.ReadAllTextAsync((await download.PathAsync())!));
        Assert.Equal(["Name", "Customer", "Type", "Address", "Updated"], rows[0]);
        Assert.Equal(["Alpha hook", "Gamma hook", "Beta appliance"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal(["webhook", "webhook", "manual"], rows.Skip(1).Select(r => r[2]));
    }
}
