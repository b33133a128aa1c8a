using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using System.Text.Json;
using CertPortal.Features.DnsProviders;
using Microsoft.Extensions.DependencyInjection;
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
        await page.ChooseAsync("dns-customer", "Contoso Dental");
        await page.Field("dns-name").FillAsync("Contoso BIND");
        await page.Field("dns-field-nameserver").FillAsync(bind.NameServer);
        await page.Field("dns-field-zone").FillAsync(BindFixture.Zone);
        await page.Field("dns-field-tsigKeyName").FillAsync(BindFixture.KeyName);
        await page.ChooseAsync("dns-field-tsigAlgorithm", "hmac-sha256");
        // The propagation settings wait under Advanced, closed until asked for.
        await Assertions.Expect(page.GetByTestId("dns-field-resolvers")).ToHaveCountAsync(0);
        await page.GetByTestId("advanced-toggle").ClickAsync();
        await page.Field("dns-field-resolvers").FillAsync(bind.NameServer);
        await page.GetByTestId("save-dns-provider").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dns-provider-dialog")).ToContainTextAsync("TSIG secret is required");

        // Test in the dialog: a wrong secret fails there, the right one passes, and nothing is saved until Save.
        await page.Field("dns-field-tsigSecret").FillAsync(Convert.ToBase64String(new byte[32]));
        await page.GetByTestId("dialog-test").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dialog-test-result")).ToContainTextAsync("BADSIG", new() { Timeout = 30_000 });
        await page.Field("dns-field-tsigSecret").FillAsync(bind.TsigSecret);
        await page.GetByTestId("dialog-test").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dialog-test-result")).ToContainTextAsync("Wrote, saw and removed a TXT record", new() { Timeout = 30_000 });
        await ChromiumFixture.ScreenshotAsync(page, "dns-provider-dialog-tested");
        Assert.Equal(0, await Portal.InScopeAsync(async sp => (await sp.GetRequiredService<DnsProviderService>().ListAsync(null, CertPortal.Common.Paging.From(1, 10), Actor.CommandLine("test"))).Total));
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

    [Fact]
    public async Task The_delegation_dialog_shows_the_cname_to_create_and_whether_it_is_found_missing_or_wrong()
    {
        await Portal.CreateUserAsync("sales-dns@msp.test", Roles.ReadOnly);
        var customer = await Portal.SeedCustomerAsync("Fabrikam");
        await Portal.InScopeAsync(async sp => (await sp.GetRequiredService<DnsProviderService>().CreateAsync(new DnsProviderInput(customer.Id, "MSP challenges", "rfc2136",
            new Dictionary<string, JsonElement>
            {
                ["nameserver"] = JsonSerializer.SerializeToElement(bind.NameServer), ["zone"] = JsonSerializer.SerializeToElement(BindFixture.DelegationZone),
                ["tsigKeyName"] = JsonSerializer.SerializeToElement(BindFixture.KeyName), ["tsigAlgorithm"] = JsonSerializer.SerializeToElement("hmac-sha256"),
                ["resolvers"] = JsonSerializer.SerializeToElement(new[] { bind.NameServer }),
            },
            new Dictionary<string, string?> { ["tsigSecret"] = bind.TsigSecret }), Actor.CommandLine("test"))).Value!);

        var page = await SignInAsync("sales-dns@msp.test");
        await page.OpenAsync("/dns-providers");
        await page.GetByTestId("delegation-dns-provider").ClickAsync();
        var dialog = page.GetByTestId("delegation-dialog");
        await page.Field("delegation-domain").FillAsync("delegated.example.test");
        await Assertions.Expect(page.Field("delegation-cname")).ToHaveValueAsync("_acme-challenge.delegated.example.test. CNAME delegated-example-test.challenges.test.");
        await page.GetByTestId("check-delegation").ClickAsync();
        await Assertions.Expect(page.GetByTestId("delegation-result")).ToContainTextAsync("Found. _acme-challenge.delegated.example.test leads to delegated.challenges.test, which is in challenges.test");
        await ChromiumFixture.ScreenshotAsync(page, "dns-delegation");

        await page.Field("delegation-domain").FillAsync("missing.example.test");
        await Assertions.Expect(page.GetByTestId("delegation-result")).ToHaveCountAsync(0);
        await page.GetByTestId("check-delegation").ClickAsync();
        await Assertions.Expect(page.GetByTestId("delegation-result")).ToContainTextAsync(
            "Missing. There is no CNAME at _acme-challenge.missing.example.test yet. Ask the customer to create: _acme-challenge.missing.example.test. CNAME missing-example-test.challenges.test.");

        await page.Field("delegation-domain").FillAsync("elsewhere.example.test");
        await page.GetByTestId("check-delegation").ClickAsync();
        await Assertions.Expect(page.GetByTestId("delegation-result")).ToContainTextAsync("Wrong target. _acme-challenge.elsewhere.example.test leads to elsewhere.example.test, which is outside challenges.test.");

        await page.Field("delegation-domain").FillAsync("not a domain");
        await Assertions.Expect(dialog).ToContainTextAsync("Enter a domain name");
        await Assertions.Expect(page.GetByTestId("check-delegation")).ToBeDisabledAsync();
    }
}
