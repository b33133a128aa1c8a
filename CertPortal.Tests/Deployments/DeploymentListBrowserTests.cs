using CertPortal.Security;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;
using Microsoft.Playwright;

namespace CertPortal.Tests.Deployments;

/// <summary>The deployments list: running several bindings at once, asked once and audited one by one.</summary>
public sealed class DeploymentListBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task Run_now_on_two_ticked_bindings_asks_first_then_queues_a_run_for_each_and_audits_each()
    {
        await Portal.CreateUserAsync("deploy@msp.test", Roles.Technician);
        await Portal.CreateUserAsync("watch@msp.test", Roles.ReadOnly);
        var customer = await Portal.SeedCustomerAsync("Contoso Runs");
        using var chain = new TestChain("bulk.deploy.test");
        var certificate = await Portal.ImportAsync(customer.Id, chain);
        var first = await Portal.BindAsync(certificate.Id, (await Portal.SeedManualTargetAsync(customer.Id, "Front appliance")).Id);
        var second = await Portal.BindAsync(certificate.Id, (await Portal.SeedManualTargetAsync(customer.Id, "Back appliance")).Id);
        await Portal.BindAsync(certificate.Id, (await Portal.SeedManualTargetAsync(customer.Id, "Spare appliance")).Id);

        var readOnly = await SignInAsync("watch@msp.test");
        await readOnly.OpenAsync("/deployments");
        await Assertions.Expect(readOnly.GetByTestId("open-deployment")).ToHaveCountAsync(3);
        await Assertions.Expect(readOnly.GetByTestId("bulk-run-now")).ToHaveCountAsync(0);
        await Assertions.Expect(readOnly.GetByTestId("deployment-grid").Locator(".mud-checkbox")).ToHaveCountAsync(0);

        var page = await SignInAsync("deploy@msp.test");
        await page.OpenAsync("/deployments");
        var grid = page.GetByTestId("deployment-grid");
        await Assertions.Expect(grid.GetByTestId("open-deployment")).ToHaveCountAsync(3);
        await grid.Locator("tbody tr", new() { HasText = "Front appliance" }).Locator(".mud-checkbox").ClickAsync();
        await grid.Locator("tbody tr", new() { HasText = "Back appliance" }).Locator(".mud-checkbox").ClickAsync();
        await page.GetByTestId("bulk-run-now").ClickAsync();

        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync(
            "Run now 2 bindings: bulk.deploy.test → Back appliance, bulk.deploy.test → Front appliance?");
        await ChromiumFixture.ScreenshotAsync(page, "deployment-bulk-run-now");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Run now", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Run queued for 2 binding(s).");
        await Assertions.Expect(grid.Locator("tbody tr", new() { HasText = "Spare appliance" })).ToContainTextAsync("never");
        await ChromiumFixture.ScreenshotAsync(page, "deployments");
        var api = Portal.ApiClient(await Portal.CreateTokenAsync("admin"));
        var audit = (await (await api.GetAsync("/api/v1/audit?user=deploy@msp.test&action=deployment.run-now")).JsonAsync()).Items();
        Assert.Equal(new[] { first.Id.ToString(), second.Id.ToString() }.Order(), audit.Select(e => e.Str("entityId")!).Order());
        Assert.All(audit, e => Assert.Equal("success", e.Str("outcome")));
    }

    [Fact]
    public async Task The_list_sorts_by_last_run_with_never_run_bindings_last_and_refuses_an_unknown_sort_field()
    {
        var customer = await Portal.SeedCustomerAsync("Contoso Sorted");
        using var chain = new TestChain("sorted.deploy.test");
        var certificate = await Portal.ImportAsync(customer.Id, chain);
        var never = await Portal.BindAsync(certificate.Id, (await Portal.SeedManualTargetAsync(customer.Id, "Never run")).Id);
        var ran = await Portal.BindAsync(certificate.Id, (await Portal.SeedManualTargetAsync(customer.Id, "Ran once")).Id);
        var api = Portal.ApiClient(await Portal.CreateTokenAsync("admin"));
        await api.PostAsync($"/api/v1/deployments/{ran.Id}/run", null);

        var byLastRun = await (await api.GetAsync($"/api/v1/deployments?customerId={customer.Id}&sort=lastRun&order=desc")).JsonAsync();
        Assert.Equal([ran.Id.ToString(), never.Id.ToString()], byLastRun.Items().Select(d => d.Str("id")));
        var byLastRunAsc = await (await api.GetAsync($"/api/v1/deployments?customerId={customer.Id}&sort=lastRun")).JsonAsync();
        Assert.Equal([ran.Id.ToString(), never.Id.ToString()], byLastRunAsc.Items().Select(d => d.Str("id")));

        var problem = await ProblemAssert.IsProblemAsync(await api.GetAsync("/api/v1/deployments?sort=nonsense"), System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("Allowed: bound, lastRun, certificate, target, customer.", problem.Str("detail"));
    }
}
