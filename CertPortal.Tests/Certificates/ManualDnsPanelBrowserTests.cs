using System.Net.Http.Json;
using CertPortal.Features.DnsProviders.Providers;
using CertPortal.Security;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Certificates;

/// <summary>The manual DNS panel on the certificate page: it shows the record to create, and Done lets the order go on.</summary>
public sealed class ManualDnsPanelBrowserTests(ChromiumFixture chromium, PebbleOnBindFixture peers) : BrowserTest(chromium), IClassFixture<PebbleOnBindFixture>
{
    [Fact]
    public async Task The_page_shows_the_txt_record_to_create_and_done_finishes_the_order()
    {
        await Portal.CreateUserAsync("manual@msp.test", Roles.Technician);
        var setup = await IssuanceSetup.CreateAsync(Portal, peers);
        var manual = await setup.Api.PostAsJsonAsync("/api/v1/dns-providers", new
        {
            customerId = setup.CustomerId, name = "Registrar console", type = "manual",
            settings = new { resolvers = new[] { peers.Bind.NameServer }, propagationTimeoutSeconds = 20 },
        });
        var request = await setup.Api.PostAsJsonAsync("/api/v1/certificates", new
        {
            customerId = setup.CustomerId, commonName = "panel.example.test", acmeAccountId = setup.AccountId, dnsProviderId = await IssuanceSetup.IdOf(manual),
        });
        var id = await IssuanceSetup.IdOf(request);

        var page = await SignInAsync("manual@msp.test");
        await page.OpenAsync($"/certificates/{id}");
        await Assertions.Expect(page.GetByTestId("manual-dns-name")).ToHaveTextAsync("_acme-challenge.panel.example.test", new() { Timeout = 30_000 });
        var value = await page.GetByTestId("manual-dns-value").InnerTextAsync();

        // The technician creates the record at the customer's DNS, then presses Done.
        var bind = new DnsProviderSettings(peers.Bind.Rfc2136Settings(), new Dictionary<string, string?> { ["tsigSecret"] = peers.Bind.TsigSecret });
        await new Rfc2136Provider().CreateTxtAsync(bind, "_acme-challenge.panel.example.test", value, CancellationToken.None);
        try
        {
            await page.GetByTestId("manual-dns-done").ClickAsync();
            await Assertions.Expect(page.GetByTestId("manual-dns")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=certificate-status]").First).ToHaveTextAsync("valid", new() { Timeout = 30_000 });
        }
        finally
        {
            await new Rfc2136Provider().DeleteTxtAsync(bind, "_acme-challenge.panel.example.test", value, CancellationToken.None);
        }
    }
}
