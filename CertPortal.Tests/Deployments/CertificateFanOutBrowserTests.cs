using System.Net.Http.Json;
using CertPortal.Security;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Deployments;

/// <summary>The certificate page's deployments in Chromium: bind a target, run, watch it verified; ReadOnly only looks.</summary>
public sealed class CertificateFanOutBrowserTests(ChromiumFixture chromium, PebbleOnBindFixture peers) : BrowserTest(chromium), IClassFixture<PebbleOnBindFixture>
{
    [Fact]
    public async Task A_technician_binds_a_target_runs_it_and_sees_it_verified_while_readonly_sees_no_actions()
    {
        await using var device = await WebhookDevice.StartAsync();
        await Portal.CreateUserAsync("deploy@msp.test", Roles.Technician);
        await Portal.CreateUserAsync("watch@msp.test", Roles.ReadOnly);
        var setup = await IssuanceSetup.CreateAsync(Portal, peers);
        var certificateId = await setup.RequestAsync("fanout.example.test");
        await setup.WaitForStatusAsync(certificateId, "valid");
        (await setup.Api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = setup.CustomerId, name = "Edge proxy", type = "webhook",
            settings = new { url = device.HookUrl, includeKey = "true", verifyHost = "127.0.0.1", verifyPort = device.TlsPort.ToString(), verifySni = "fanout.example.test" },
            secrets = new { hmacSecret = "fanout-secret" },
        })).EnsureSuccessStatusCode();

        var page = await SignInAsync("deploy@msp.test");
        await page.OpenAsync($"/certificates/{certificateId}");
        await Assertions.Expect(page.GetByTestId("certificate-deployments")).ToContainTextAsync("Not bound to any target yet.");
        await page.GetByTestId("bind-target").ClickAsync();
        await page.ChooseAsync("bind-target-select", "Edge proxy (webhook)");
        await page.GetByTestId("save-binding").ClickAsync();
        await Assertions.Expect(page.GetByTestId("deployment-row")).ToContainTextAsync("Edge proxy");
        await Assertions.Expect(page.GetByTestId("deployment-current")).ToHaveTextAsync("no");

        await page.GetByTestId("run-deployment").ClickAsync();
        await Assertions.Expect(page.GetByTestId("deployment-status")).ToHaveTextAsync("verified", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("deployment-steps")).ToHaveTextAsync("start → upload → verify");
        await Assertions.Expect(page.GetByTestId("deployment-current")).ToHaveTextAsync("yes");
        await ChromiumFixture.ScreenshotAsync(page, "certificate-deployments");

        var viewer = await SignInAsync("watch@msp.test");
        await viewer.OpenAsync($"/certificates/{certificateId}");
        await Assertions.Expect(viewer.GetByTestId("deployment-status")).ToHaveTextAsync("verified");
        await Assertions.Expect(viewer.GetByTestId("bind-target")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByTestId("run-deployment")).ToHaveCountAsync(0);
    }
}
