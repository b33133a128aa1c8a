using CertPortal.Data;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Security;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CertPortal.Tests.Dashboard;

/// <summary>The dashboard's getting-started checklist: the work in its order, each step opening its dialog, gone after the first verified deployment.</summary>
public sealed class GettingStartedBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task A_new_portal_walks_a_technician_through_the_six_steps_and_each_step_opens_its_dialog()
    {
        await Portal.CreateUserAsync("new-tech@msp.test", Roles.Technician);
        await Portal.CreateUserAsync("sales-first@msp.test", Roles.ReadOnly);
        var page = await SignInAsync("new-tech@msp.test");
        await page.OpenAsync("/");
        var checklist = page.GetByTestId("getting-started");
        await Assertions.Expect(checklist.Locator("[data-testid^=setup-step-]")).ToHaveCountAsync(6);
        await Assertions.Expect(checklist).ToContainTextAsync("1. Add a customer");
        await Assertions.Expect(checklist).ToContainTextAsync("6. Bind the certificate to the target");
        await ChromiumFixture.ScreenshotAsync(page, "dashboard-getting-started");
        // Nothing to bind yet: the last step has no button until there is a certificate and a target.
        await Assertions.Expect(page.GetByTestId("setup-do-binding")).ToHaveCountAsync(0);

        await page.GetByTestId("setup-do-customer").ClickAsync();
        await page.Field("customer-name").FillAsync("Contoso Dental");
        await page.GetByTestId("save-customer").ClickAsync();
        await Assertions.Expect(page.GetByTestId("setup-step-customer")).ToContainTextAsync("done");
        await Assertions.Expect(page.GetByTestId("setup-do-customer")).ToHaveCountAsync(0);

        await page.GetByTestId("setup-do-target").ClickAsync();
        await Assertions.Expect(page.GetByTestId("target-dialog")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("target-dialog")).ToHaveCountAsync(0);
        await page.GetByTestId("setup-do-dns-provider").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dns-provider-dialog")).ToBeVisibleAsync();

        var viewer = await SignInAsync("sales-first@msp.test");
        await viewer.OpenAsync("/");
        await Assertions.Expect(viewer.GetByTestId("tile-certificates")).ToBeVisibleAsync();
        await Assertions.Expect(viewer.GetByTestId("getting-started")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_checklist_goes_away_once_a_binding_has_a_verified_run()
    {
        await Portal.CreateUserAsync("done-tech@msp.test", Roles.Technician);
        var customer = await Portal.SeedCustomerAsync("Fabrikam");
        using var chain = new TestChain("vpn.fabrikam.example");
        var certificate = await Portal.ImportAsync(customer.Id, chain);
        var target = await Portal.SeedManualTargetAsync(customer.Id, "Fabrikam firewall");
        var binding = await Portal.BindAsync(certificate.Id, target.Id);

        var page = await SignInAsync("done-tech@msp.test");
        await page.OpenAsync("/");
        await Assertions.Expect(page.GetByTestId("setup-step-binding")).ToContainTextAsync("done");
        await Assertions.Expect(page.GetByTestId("setup-step-target")).Not.ToContainTextAsync("done");

        await Portal.InScopeAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            db.Add(new DeploymentRun { Id = Guid.NewGuid(), DeploymentId = binding.Id, CertificateVersion = 1, Status = RunStatus.Verified, TriggeredBy = "test",
                QueuedAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        await page.OpenAsync("/");
        await Assertions.Expect(page.GetByTestId("tile-certificates")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("getting-started")).ToHaveCountAsync(0);
    }
}
