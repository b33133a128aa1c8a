using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Targets;
using Microsoft.Playwright;

namespace CertPortal.Tests.Deployments;

/// <summary>
/// "Push trust" on a CA's page and on the targets page open the push dialog with the CA or the target chosen; the
/// binding shows on the Trust page and its run reaches verified on a real sshd. Read-only people see neither button.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TrustEntryBrowserTests(ChromiumFixture chromium, SshdFixture sshd) : BrowserTest(chromium), IClassFixture<SshdFixture>, IDisposable
{
    private readonly TempFolder _files = new("trust-entry");

    [Fact]
    public async Task Push_trust_from_a_ca_and_from_a_target_binds_with_it_chosen_and_the_runs_are_verified()
    {
        await Portal.CreateUserAsync("trust@msp.test", Roles.Technician);
        await Portal.CreateUserAsync("viewer@msp.test", Roles.ReadOnly);
        var customer = await Portal.SeedCustomerAsync();
        var api = Portal.ApiClient(await Portal.CreateTokenAsync("admin"));
        var devices = await CreateCaAsync(api, customer.Id, "Contoso Devices");
        await CreateCaAsync(api, customer.Id, "Contoso Users");
        await (await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer.Id, name = "Gateway", type = "ssh", secrets = new { privateKey = sshd.ClientKeyPem },
            settings = new
            {
                host = "127.0.0.1", port = sshd.Port.ToString(), username = sshd.User, hostKeySha256 = sshd.HostKeySha256,
                certPath = Path.Combine(_files.Path, "server.pem"), keyPath = Path.Combine(_files.Path, "server.key"), reloadCommand = "true",
            },
        })).JsonAsync(HttpStatusCode.Created);
        await (await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer.Id, name = "Front desk", type = "manual", settings = new { checklist = "Upload the PFX" },
        })).JsonAsync(HttpStatusCode.Created);

        var page = await SignInAsync("trust@msp.test");
        await page.OpenAsync($"/cas/{devices}");
        await page.GetByTestId("ca-push-trust").ClickAsync();
        await Assertions.Expect(page.GetByTestId("trust-ca-select")).ToHaveTextAsync("Contoso Devices");
        await page.ChooseAsync("trust-target-select", "Gateway (ssh)");
        await page.Field("trust-option-caPath").FillAsync(Path.Combine(_files.Path, "devices-ca.pem"));
        await page.Field("trust-option-crlPath").FillAsync(Path.Combine(_files.Path, "devices-ca.crl"));
        await ChromiumFixture.ScreenshotAsync(page, "trust-from-ca-dialog");
        await page.GetByTestId("save-trust").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"trust\\?caId={devices}"));
        var row = page.GetByTestId("trust-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Contoso Devices → Gateway (ssh)");
        await Assertions.Expect(row.GetByTestId("trust-crl")).ToContainTextAsync("verified on the target", new() { Timeout = 30_000 });
        await ChromiumFixture.ScreenshotAsync(page, "trust-from-ca");

        await page.OpenAsync("/targets");
        var gateway = page.Locator("tr").Filter(new() { HasText = "Gateway" });
        await Assertions.Expect(page.Locator("tr").Filter(new() { HasText = "Front desk" }).GetByTestId("target-push-trust")).ToHaveCountAsync(0);
        await gateway.GetByTestId("target-push-trust").ClickAsync();
        await Assertions.Expect(page.GetByTestId("trust-target-select")).ToHaveTextAsync("Gateway (ssh)");
        await page.ChooseAsync("trust-ca-select", "Contoso Users");
        await page.Field("trust-option-caPath").FillAsync(Path.Combine(_files.Path, "users-ca.pem"));
        await page.GetByTestId("save-trust").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("trust\\?targetId="));
        await Assertions.Expect(row).ToHaveCountAsync(2);
        var users = row.Filter(new() { HasText = "Contoso Users → Gateway (ssh)" });
        await Assertions.Expect(users.GetByTestId("trust-crl")).ToContainTextAsync("verified on the target", new() { Timeout = 30_000 });
        await ChromiumFixture.ScreenshotAsync(page, "trust-from-target");
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", await File.ReadAllTextAsync(Path.Combine(_files.Path, "users-ca.pem")));
        Assert.StartsWith("-----BEGIN X509 CRL-----", await File.ReadAllTextAsync(Path.Combine(_files.Path, "devices-ca.crl")));

        var viewer = await SignInAsync("viewer@msp.test");
        await viewer.OpenAsync($"/cas/{devices}");
        await Assertions.Expect(viewer.GetByTestId("ca-title")).ToHaveTextAsync("Contoso Devices");
        await Assertions.Expect(viewer.GetByTestId("ca-push-trust")).ToHaveCountAsync(0);
        await viewer.OpenAsync("/targets");
        await Assertions.Expect(viewer.Locator("tr").Filter(new() { HasText = "Gateway" })).ToHaveCountAsync(1);
        await Assertions.Expect(viewer.GetByTestId("target-push-trust")).ToHaveCountAsync(0);
    }

    private static async Task<string> CreateCaAsync(HttpClient api, Guid customerId, string name) =>
        (await (await api.PostAsJsonAsync("/api/v1/cas", new { customerId, name, subject = $"CN={name}", keyType = "ec256", validityDays = 3650 }))
            .JsonAsync(HttpStatusCode.Created)).Str("id")!;

    public void Dispose() => _files.Dispose();
}
