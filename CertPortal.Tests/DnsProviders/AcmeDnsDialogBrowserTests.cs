using System.Text.Json;
using CertPortal.Features.DnsProviders;
using CertPortal.Security;
using CertPortal.Tests.DnsProviders.Simulators;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CertPortal.Tests.DnsProviders;

/// <summary>The DNS provider dialog for the two hook-style types: acme-dns's Register and the CNAME it shows, and the script type's fields.</summary>
public sealed class AcmeDnsDialogBrowserTests(ChromiumFixture chromium, BindFixture bind) : BrowserTest(chromium), IClassFixture<BindFixture>
{
    [Fact]
    public async Task Register_in_the_dialog_makes_an_acme_dns_account_and_shows_the_cname_to_create()
    {
        await using var acmeDns = await AcmeDnsSimulator.StartAsync(bind);
        await Portal.CreateUserAsync("acmedns@msp.test", Roles.Technician);
        var customer = await Portal.SeedCustomerAsync("Northwind");
        await Portal.InScopeAsync(async sp => (await sp.GetRequiredService<DnsProviderService>().CreateAsync(new DnsProviderInput(customer.Id, "Northwind acme-dns", "acme-dns",
            new Dictionary<string, JsonElement> { ["serverUrl"] = JsonSerializer.SerializeToElement(acmeDns.BaseUrl) }, []), Actor.CommandLine("test"))).Value!);

        var page = await SignInAsync("acmedns@msp.test");
        await page.OpenAsync("/dns-providers");
        await page.GetByTestId("edit-dns-provider").ClickAsync();
        await Assertions.Expect(page.GetByTestId("acme-dns-cname")).ToHaveCountAsync(0);
        await page.GetByTestId("acme-dns-register").ClickAsync();
        var cname = page.GetByTestId("acme-dns-cname");
        await Assertions.Expect(cname).ToContainTextAsync("_acme-challenge.<domain> CNAME ");
        await Assertions.Expect(cname).ToContainTextAsync($".{BindFixture.DelegationZone}.");
        await Assertions.Expect(page.Field("dns-field-subdomain")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f-]{36}$"));
        await ChromiumFixture.ScreenshotAsync(page, "dns-provider-acme-dns-registered");
    }

    [Fact]
    public async Task The_script_type_is_offered_with_its_description_and_fields()
    {
        await Portal.CreateUserAsync("hooks@msp.test", Roles.Admin);
        await Portal.SeedCustomerAsync("Tailspin");
        var page = await SignInAsync("hooks@msp.test");
        await page.OpenAsync("/dns-providers");
        await page.GetByTestId("new-dns-provider").ClickAsync();
        await page.ChooseAsync("dns-type", "Script hook (a program of your own)", exact: false);
        await Assertions.Expect(page.GetByTestId("dns-provider-dialog")).ToContainTextAsync("Runs HOOK add|remove <record name> <value>");
        await Assertions.Expect(page.Field("dns-field-program")).ToBeVisibleAsync();
        await ChromiumFixture.ScreenshotAsync(page, "dns-provider-script");
    }
}
