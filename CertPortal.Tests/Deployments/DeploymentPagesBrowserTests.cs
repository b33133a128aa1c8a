using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Security;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Deployments;

/// <summary>The deployments list and a binding's run page in Chromium, with a manual target worked through by hand.</summary>
public sealed class DeploymentPagesBrowserTests(ChromiumFixture chromium, PebbleOnBindFixture peers) : BrowserTest(chromium), IClassFixture<PebbleOnBindFixture>
{
    [Fact]
    public async Task The_list_shows_what_needs_attention_and_a_manual_run_is_ticked_off_marked_done_and_verified_live()
    {
        await using var device = await WebhookDevice.StartAsync();
        await using var appliance = await WebhookDevice.StartAsync();
        await Portal.CreateUserAsync("runs@msp.test", Roles.Technician);
        var setup = await IssuanceSetup.CreateAsync(Portal, peers);
        var certificateId = await setup.RequestAsync("pages.example.test");
        await setup.WaitForStatusAsync(certificateId, "valid");
        var hook = await IssuanceSetup.IdOf(await setup.Api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = setup.CustomerId, name = "Edge proxy", type = "webhook",
            settings = new { url = device.HookUrl, includeKey = "true", verifyHost = "127.0.0.1", verifyPort = device.TlsPort.ToString(), verifySni = "pages.example.test" },
            secrets = new { hmacSecret = "pages-secret" },
        }));
        var manual = await IssuanceSetup.IdOf(await setup.Api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = setup.CustomerId, name = "Old appliance", type = "manual",
            settings = new { checklist = "Upload the PFX\nSelect it for HTTPS", verifyHost = "127.0.0.1", verifyPort = appliance.TlsPort.ToString(), verifySni = "pages.example.test" },
        }));
        var hookBinding = await IssuanceSetup.IdOf(await setup.Api.PostAsJsonAsync("/api/v1/deployments", new { certificateId, targetId = hook }));
        var manualBinding = await IssuanceSetup.IdOf(await setup.Api.PostAsJsonAsync("/api/v1/deployments", new { certificateId, targetId = manual, autoDeploy = false }));
        await setup.Api.PostAsync($"/api/v1/deployments/{hookBinding}/run", null);
        await RunPolling.WaitForFinishAsync(setup.Api, $"/api/v1/deployments/{hookBinding}/runs", version: 1);

        var page = await SignInAsync("runs@msp.test");
        await page.OpenAsync("/");
        await Assertions.Expect(page.GetByTestId("count-deployments-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("count-deployments-failed-value")).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId("count-deployments-rolled-back-value")).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId("count-deployments-outdated-value")).ToHaveTextAsync("1");
        await page.OpenAsync("/deployments");
        var rows = page.GetByTestId("deployment-grid").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Filter(new() { HasText = "Edge proxy" })).ToContainTextAsync("verified");
        await Assertions.Expect(rows.Filter(new() { HasText = "Old appliance" })).ToContainTextAsync("never");
        await ChromiumFixture.ScreenshotAsync(page, "deployments");
        await page.GetByLabel("Needs attention only").CheckAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Old appliance");

        // From a target's row, its bindings only.
        await page.OpenAsync("/targets");
        await page.GetByTestId("target-grid").Locator("tbody tr").Filter(new() { HasText = "Edge proxy" }).GetByTestId("target-bindings").ClickAsync();
        await Assertions.Expect(page.GetByTestId("deployment-target-filter")).ToContainTextAsync("Target: Edge proxy");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("verified");

        await page.OpenAsync("/deployments");
        await page.GetByLabel("Needs attention only").CheckAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await rows.First.GetByTestId("open-deployment").ClickAsync();
        await Assertions.Expect(page.GetByTestId("deployment-title")).ToHaveTextAsync("pages.example.test → Old appliance");
        await page.GetByLabel("Deploy every new version by itself").CheckAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("New versions will be deployed by themselves.");
        Assert.True((await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{manualBinding}")).GetProperty("autoDeploy").GetBoolean());
        await page.GetByTestId("run-deployment").ClickAsync();
        await Assertions.Expect(page.GetByTestId("manual-run")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("deployment-run").GetByTestId("deployment-status")).ToHaveTextAsync("waiting for you");
        await Assertions.Expect(page.GetByTestId("run-step-name")).ToHaveTextAsync(["start", "bundle", "manual"]);
        await Assertions.Expect(page.GetByTestId("manual-done")).ToBeDisabledAsync();

        // The technician does the work on the appliance (with the bundle the page offers), ticks the list and says done.
        var bundleMenu = page.GetByTestId("manual-bundle").GetByTestId("download-menu");
        await Assertions.Expect(bundleMenu).ToContainTextAsync("Bundle of version 1");
        await bundleMenu.ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-zip").ClickAsync());
        var bundle = new MemoryStream();
        await (await download.CreateReadStreamAsync()).CopyToAsync(bundle);
        using (var zip = new ZipArchive(bundle))
        {
            string Read(string suffix) => new StreamReader(zip.Entries.Single(e => e.Name.EndsWith(suffix)).Open()).ReadToEnd();
            appliance.Serve(Read(".fullchain.pem"), Read(".key"));
        }
        await page.GetByLabel("Upload the PFX").CheckAsync();
        await Assertions.Expect(page.GetByTestId("manual-done")).ToBeDisabledAsync();
        await page.GetByLabel("Select it for HTTPS").CheckAsync();
        await page.GetByTestId("manual-done").ClickAsync();
        await Assertions.Expect(page.GetByTestId("deployment-run").GetByTestId("deployment-status")).ToHaveTextAsync("verified", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("deployment-run").GetByTestId("deployment-status")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-chip-color-success"));
        await Assertions.Expect(page.GetByTestId("deployment-run")).Not.ToContainTextAsync("attempt 2");
        await Assertions.Expect(page.GetByTestId("run-deployment")).ToBeEnabledAsync();
        await Assertions.Expect(page.GetByTestId("run-step-name")).ToHaveTextAsync(["start", "bundle", "manual", "manual", "verify"]);
        await Assertions.Expect(page.GetByTestId("deployment-current")).ToContainTextAsync("serves version 1 (current)");
        await ChromiumFixture.ScreenshotAsync(page, "deployment-run");

        var audit = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={manualBinding}&action=deployment.manual-done");
        Assert.Contains("runs@msp.test", audit.ToString());
    }
}
