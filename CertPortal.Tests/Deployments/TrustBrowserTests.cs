using System.Net;
using System.Net.Http.Json;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Deployments;

/// <summary>The trust page: "Push trust" refuses a binding without its required option, then binds, and the run shows with its steps.</summary>
public sealed class TrustBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task Push_trust_asks_for_the_ca_path_then_binds_and_shows_the_run_that_stops_at_the_unpinned_host_key()
    {
        await Portal.CreateUserAsync("trust@msp.test", Roles.Technician);
        var customer = await Portal.SeedCustomerAsync();
        var api = Portal.ApiClient(await Portal.CreateTokenAsync("admin"));
        await (await api.PostAsJsonAsync("/api/v1/cas", new { customerId = customer.Id, name = "Contoso Devices", subject = "CN=Contoso Devices", keyType = "ec256", validityDays = 3650 }))
            .JsonAsync(HttpStatusCode.Created);
        await (await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer.Id, name = "Gateway", type = "ssh", secrets = new { password = "not-used" },
            settings = new { host = "127.0.0.1", username = "deploy", certPath = "/etc/nginx/server.pem", keyPath = "/etc/nginx/server.key", reloadCommand = "nginx -s reload" },
        })).JsonAsync(HttpStatusCode.Created);

        var page = await SignInAsync("trust@msp.test");
        await page.OpenAsync("/trust");
        await Assertions.Expect(page.GetByTestId("empty-list")).ToBeVisibleAsync();
        await page.GetByTestId("push-trust").ClickAsync();
        await page.ChooseAsync("trust-ca-select", "Contoso Devices");
        await page.ChooseAsync("trust-target-select", "Gateway (ssh)");
        await page.GetByTestId("save-trust").ClickAsync();
        await Assertions.Expect(page.GetByTestId("push-trust-error")).ToContainTextAsync("CA file path is required.");

        await page.Field("trust-option-caPath").FillAsync("/etc/nginx/client-ca.pem");
        await page.Field("trust-option-crlPath").FillAsync("/etc/nginx/client-ca.crl");
        await page.GetByTestId("save-trust").ClickAsync();
        var row = page.GetByTestId("trust-row");
        await Assertions.Expect(row).ToContainTextAsync("Contoso Devices → Gateway (ssh)");
        await Assertions.Expect(row).ToContainTextAsync("caPath: /etc/nginx/client-ca.pem");
        // No host key is pinned yet: the run stops before sending credentials, and says what to do.
        await Assertions.Expect(row).ToContainTextAsync("Host key SHA-256 is empty", new() { Timeout = 30_000 });
        await Assertions.Expect(row.GetByTestId("trust-crl")).ToContainTextAsync("no CRL verified yet");
        await ChromiumFixture.ScreenshotAsync(page, "trust-list");

        var refused = await (await api.GetAsync("/api/v1/audit?action=trust.create&pageSize=50")).JsonAsync();
        Assert.Contains(refused.Items(), e => e.Str("summary")!.Contains("CA file path is required.") && e.Str("outcome") == "failure");
    }
}
