using System.Net;
using System.Net.Sockets;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;
using Microsoft.Playwright;

namespace CertPortal.Tests.Targets;

/// <summary>The target list (one of the short lists): a column header sorts it in the database, and the export follows it.</summary>
/// <remarks>The Type column names the vendor as the type picker does; the export keeps the type code a script matches on.</remarks>
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
        await Assertions.Expect(grid.Locator("tbody tr td:nth-child(3)"))
            .ToHaveTextAsync(["Webhook (signed HTTPS POST)", "Webhook (signed HTTPS POST)", "Manual (a technician follows a checklist)"]);
        await ChromiumFixture.ScreenshotAsync(page, "targets");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        var rows = CsvText.Parse(await File.ReadAllTextAsync((await download.PathAsync())!));
        Assert.Equal(["Name", "Customer", "Type", "Address", "Updated"], rows[0]);
        Assert.Equal(["Alpha hook", "Gamma hook", "Beta appliance"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal(["webhook", "webhook", "manual"], rows.Skip(1).Select(r => r[2]));
    }

    [Fact]
    public async Task Each_row_tested_spins_on_its_own_button_while_it_runs_and_keeps_its_own_result_in_its_row()
    {
        await using var answering = await WebhookReceiver.StartAsync("report-secret");
        // An endpoint that takes the connection and says nothing until the test lets go: that row's Test runs until then.
        var held = new TcpListener(IPAddress.Loopback, 0);
        held.Start();
        var heldUrl = $"http://127.0.0.1:{((IPEndPoint)held.LocalEndpoint).Port}/hook";
        await Portal.CreateUserAsync("target-rows@msp.test", Roles.Technician);
        var customer = await Portal.SeedCustomerAsync("Row Targets");
        await Portal.SeedWebhookTargetAsync(customer.Id, "Answering hook", answering.Url, 9443, "answering.test");
        await Portal.SeedWebhookTargetAsync(customer.Id, "Held hook", heldUrl, 9443, "held.test");

        var page = await SignInAsync("target-rows@msp.test");
        await page.OpenAsync("/targets");
        var grid = page.GetByTestId("target-grid");
        ILocator Row(string name) => grid.Locator("tbody tr").Filter(new() { HasText = name });

        await Row("Held hook").GetByTestId("test-target").ClickAsync();
        using var connection = await held.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await Assertions.Expect(Row("Held hook").GetByTestId("row-test-running")).ToBeVisibleAsync();
        await Assertions.Expect(Row("Held hook").GetByTestId("test-target")).ToBeDisabledAsync();

        await Row("Answering hook").GetByTestId("test-target").ClickAsync();
        await Assertions.Expect(Row("Answering hook").GetByTestId("target-test-result")).ToContainTextAsync("Test passed: The webhook answered 200");
        await Assertions.Expect(Row("Held hook").GetByTestId("row-test-running")).ToBeVisibleAsync();
        await Assertions.Expect(Row("Held hook").GetByTestId("target-test-result")).ToHaveCountAsync(0);
        await ChromiumFixture.ScreenshotAsync(page, "target-row-tests");

        connection.Client.Close();
        held.Stop();
        await Assertions.Expect(Row("Held hook").GetByTestId("target-test-result")).ToContainTextAsync("Test failed", new() { Timeout = 30_000 });
        await Assertions.Expect(Row("Held hook").GetByTestId("row-test-running")).ToHaveCountAsync(0);
        await Assertions.Expect(Row("Answering hook").GetByTestId("target-test-result")).ToContainTextAsync("Test passed");
        await Assertions.Expect(page.GetByTestId("target-test-result")).ToHaveCountAsync(2);
    }
}
