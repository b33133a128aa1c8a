using System.Text.Json;
using System.Runtime.Versioning;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Targets;

/// <summary>An ssh target made on the page against a real sshd: the first Test shows the host key, the technician trusts it, the next Test logs in.</summary>
[SupportedOSPlatform("linux")]
public sealed class SshTargetPageBrowserTests(ChromiumFixture chromium, SshdFixture sshd) : BrowserTest(chromium), IClassFixture<SshdFixture>
{
    [Fact]
    public async Task The_first_test_shows_the_host_key_and_trusting_it_pins_it_so_the_next_test_logs_in()
    {
        await Portal.CreateUserAsync("ssh@msp.test", Roles.Technician);
        await Portal.SeedCustomerAsync("Tailspin Toys");
        var page = await SignInAsync("ssh@msp.test");
        await page.OpenAsync("/targets");
        await page.GetByTestId("new-target").ClickAsync();
        await page.ChooseAsync("target-customer", "Tailspin Toys");
        await page.Field("target-name").FillAsync("Tailspin web");
        await page.ChooseAsync("target-type", "Linux or Unix host", exact: false);
        await page.Field("target-field-host").FillAsync("127.0.0.1");
        await page.Field("target-field-port").FillAsync(sshd.Port.ToString());
        await page.Field("target-field-username").FillAsync(sshd.User);
        await page.Field("target-field-certPath").FillAsync("/etc/ssl/tailspin/cert.pem");
        await page.Field("target-field-keyPath").FillAsync("/etc/ssl/tailspin/key.pem");
        await page.Field("target-field-reloadCommand").FillAsync("systemctl reload nginx");
        await page.Field("target-field-privateKey").FillAsync(sshd.ClientKeyPem);
        await page.GetByTestId("save-target").ClickAsync();
        var grid = page.GetByTestId("target-grid");
        await Assertions.Expect(grid).ToContainTextAsync("Tailspin web");

        await grid.GetByTestId("test-target").ClickAsync();
        var result = page.GetByTestId("target-test-result");
        await Assertions.Expect(result).ToContainTextAsync($"Host key {sshd.HostKeySha256}");
        await Assertions.Expect(result).ToContainTextAsync("nothing was logged in yet");
        await page.GetByTestId("trust-host-key").ClickAsync();
        await Assertions.Expect(result).ToContainTextAsync("host key matches the pin", new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("trust-host-key")).ToHaveCountAsync(0);
        Assert.DoesNotContain("PRIVATE KEY", await page.ContentAsync());

        var api = Portal.ApiClient(await Portal.CreateTokenAsync("technician"));
        var targets = JsonDocument.Parse(await api.GetStringAsync("/api/v1/targets")).RootElement.GetProperty("items");
        var target = targets.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Tailspin web");
        Assert.Equal(sshd.HostKeySha256, target.GetProperty("settings").GetProperty("hostKeySha256").GetString());
        var audit = await api.GetStringAsync($"/api/v1/audit?entityId={target.GetProperty("id").GetString()}&action=target.trust-host-key");
        Assert.Contains(sshd.HostKeySha256, audit);
    }

    [Fact]
    public async Task Test_in_the_dialog_shows_the_host_key_and_logs_in_once_it_is_trusted_before_anything_is_saved()
    {
        await Portal.CreateUserAsync("ssh-dialog@msp.test", Roles.Technician);
        await Portal.SeedCustomerAsync("Northwind");
        var page = await SignInAsync("ssh-dialog@msp.test");
        await page.OpenAsync("/targets");
        await page.GetByTestId("new-target").ClickAsync();
        await page.ChooseAsync("target-customer", "Northwind");
        await page.Field("target-name").FillAsync("Northwind web");
        await page.ChooseAsync("target-type", "Linux or Unix host", exact: false);
        var dialog = page.GetByTestId("target-dialog");
        // An ssh host has no management API: no TLS pinning; the form reads in sections.
        await Assertions.Expect(page.GetByTestId("target-field-tlsTrust")).ToHaveCountAsync(0);
        foreach (var section in new[] { "Connection", "Sign-in", "Where the certificate goes", "Verification" })
            await Assertions.Expect(dialog).ToContainTextAsync(section);
        await page.Field("target-field-host").FillAsync("127.0.0.1");
        await page.Field("target-field-port").FillAsync(sshd.Port.ToString());
        await page.Field("target-field-username").FillAsync(sshd.User);
        await page.Field("target-field-certPath").FillAsync("/etc/ssl/northwind/cert.pem");
        await page.Field("target-field-keyPath").FillAsync("/etc/ssl/northwind/key.pem");
        await page.Field("target-field-reloadCommand").FillAsync("systemctl reload nginx");
        await page.Field("target-field-privateKey").FillAsync(sshd.ClientKeyPem);

        await page.GetByTestId("dialog-test").ClickAsync();
        var result = page.GetByTestId("dialog-test-result");
        await Assertions.Expect(result).ToContainTextAsync($"Host key {sshd.HostKeySha256}", new() { Timeout = 20_000 });
        await page.GetByTestId("dialog-trust-host-key").ClickAsync();
        await Assertions.Expect(page.Field("target-field-hostKeySha256")).ToHaveValueAsync(sshd.HostKeySha256);
        await page.GetByTestId("dialog-test").ClickAsync();
        await Assertions.Expect(result).ToContainTextAsync("host key matches the pin", new() { Timeout = 20_000 });
        await ChromiumFixture.ScreenshotAsync(page, "target-dialog-tested");

        var api = Portal.ApiClient(await Portal.CreateTokenAsync("technician"));
        Assert.Equal(0, JsonDocument.Parse(await api.GetStringAsync("/api/v1/targets")).RootElement.GetProperty("total").GetInt32());
        await page.GetByTestId("save-target").ClickAsync();
        await Assertions.Expect(page.GetByTestId("target-grid")).ToContainTextAsync("Northwind web");
        var saved = JsonDocument.Parse(await api.GetStringAsync("/api/v1/targets")).RootElement.GetProperty("items")[0];
        Assert.Equal(sshd.HostKeySha256, saved.GetProperty("settings").GetProperty("hostKeySha256").GetString());
        Assert.Contains("Tested the unsaved settings of 'Northwind web'", await api.GetStringAsync("/api/v1/audit?action=target.test"));
    }
}
