using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.DnsProviders;

public sealed class DnsProvidersPageBrowserTests(ChromiumFixture chromium, BindFixture bind) : BrowserTest(chromium), IClassFixture<BindFixture>
{
    [Fact]
    public async Task A_technician_adds_an_rfc2136_provider_from_its_declared_fields_and_tests_it_against_bind()
    {
        await Portal.CreateUserAsync("dns@msp.test", Roles.Technician);
        await Portal.CreateUserAsync("sales@msp.test", Roles.ReadOnly);
        await Portal.SeedCustomerAsync("Contoso Dental");
        var page = await SignInAsync("dns@msp.test");
        await page.OpenAsync("/dns-providers");
        await page.GetByTestId("new-dns-provider").ClickAsync();
        await page.GetByTestId("dns-customer").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Contoso Dental" }).ClickAsync();
        await page.Field("dns-name").FillAsync("Contoso BIND");
        await page.Field("dns-field-nameserver").FillAsync(bind.NameServer);
        await page.Field("dns-field-zone").FillAsync(BindFixture.Zone);
        await page.Field("dns-field-tsigKeyName").FillAsync(BindFixture.KeyName);
        await page.Field("dns-field-tsigAlgorithm").FillAsync("hmac-sha256");
        await page.Field("dns-field-resolvers").FillAsync(bind.NameServer);
        await page.GetByTestId("save-dns-provider").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dns-provider-dialog")).ToContainTextAsync("TSIG secret is required");

        await page.Field("dns-field-tsigSecret").FillAsync(bind.TsigSecret);
        await page.GetByTestId("save-dns-provider").ClickAsync();
        var grid = page.GetByTestId("dns-provider-grid");
        await Assertions.Expect(grid).ToContainTextAsync("Contoso BIND");
        await Assertions.Expect(grid).ToContainTextAsync("Contoso Dental");

        await grid.GetByTestId("test-dns-provider").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dns-provider-test-result")).ToContainTextAsync("Wrote, saw and removed a TXT record");
        Assert.DoesNotContain(bind.TsigSecret, await page.ContentAsync());
        await ChromiumFixture.ScreenshotAsync(page, "dns-providers");

        var readOnly = await SignInAsync("sales@msp.test");
        await readOnly.OpenAsync("/dns-providers");
        await Assertions.Expect(readOnly.GetByTestId("dns-provider-grid")).ToContainTextAsync("Contoso BIND");
        await Assertions.Expect(readOnly.GetByTestId("new-dns-provider")).ToHaveCountAsync(0);
        await Assertions.Expect(readOnly.GetByTestId("test-dns-provider")).ToHaveCountAsync(0);
    }
}
