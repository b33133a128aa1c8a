using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;
using Microsoft.Playwright;

namespace CertPortal.Tests.ClientCerts;

/// <summary>The client certificate list: revoking several at once with one reason, and its sort through the API.</summary>
public sealed class ClientCertListBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task Revoking_two_ticked_certificates_names_them_asks_the_reason_once_and_revokes_and_audits_each()
    {
        await Portal.CreateUserAsync("pki@msp.test", Roles.Technician);
        await Portal.CreateUserAsync("viewer@msp.test", Roles.ReadOnly);
        var customer = await Portal.SeedCustomerAsync("Contoso PKI");
        var ca = await Portal.SeedCaAsync(customer.Id, "Contoso Users CA", 3650);
        var alice = await Portal.SeedClientCertAsync(ca.Id, "alice-vpn", 365);
        var bob = await Portal.SeedClientCertAsync(ca.Id, "bob-vpn", 365);
        await Portal.SeedClientCertAsync(ca.Id, "carol-vpn", 365);

        var viewer = await SignInAsync("viewer@msp.test");
        await viewer.OpenAsync("/client-certs");
        await Assertions.Expect(viewer.GetByTestId("client-cert-link")).ToHaveCountAsync(3);
        await Assertions.Expect(viewer.GetByTestId("bulk-revoke")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByTestId("client-cert-grid").Locator(".mud-checkbox")).ToHaveCountAsync(0);

        var page = await SignInAsync("pki@msp.test");
        await page.OpenAsync("/client-certs");
        var grid = page.GetByTestId("client-cert-grid");
        await Assertions.Expect(grid.GetByTestId("client-cert-link")).ToHaveCountAsync(3);
        await grid.Locator("tbody tr", new() { HasText = "bob-vpn" }).Locator(".mud-checkbox").ClickAsync();
        await grid.Locator("tbody tr", new() { HasText = "alice-vpn" }).Locator(".mud-checkbox").ClickAsync();
        await page.GetByTestId("bulk-revoke").ClickAsync();

        await Assertions.Expect(page.GetByTestId("client-revoke-names")).ToHaveTextAsync("Revoke 2 client certificate(s): alice-vpn, bob-vpn?");
        await page.ChooseAsync("client-revoke-reason", "keyCompromise");
        await ChromiumFixture.ScreenshotAsync(page, "client-cert-bulk-revoke");
        await page.GetByTestId("confirm-client-revoke").ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Revoked 2 client certificate(s).");
        await Assertions.Expect(grid.Locator("tbody tr", new() { HasText = "alice-vpn" })).ToContainTextAsync("revoked");
        await Assertions.Expect(grid.Locator("tbody tr", new() { HasText = "bob-vpn" })).ToContainTextAsync("revoked");
        await Assertions.Expect(grid.Locator("tbody tr", new() { HasText = "carol-vpn" })).Not.ToContainTextAsync("revoked");
        await ChromiumFixture.ScreenshotAsync(page, "client-certs");

        var api = Portal.ApiClient(await Portal.CreateTokenAsync("admin"));
        var audit = (await (await api.GetAsync("/api/v1/audit?user=pki@msp.test&action=client-cert.revoke")).JsonAsync()).Items();
        Assert.Equal(new[] { alice.Id.ToString(), bob.Id.ToString() }.Order(), audit.Select(e => e.Str("entityId")!).Order());
        Assert.All(audit, e => Assert.Contains("reason keyCompromise", e.Str("summary")));
    }

    [Fact]
    public async Task The_list_sorts_by_name_or_by_its_CAs_name_either_way_and_refuses_an_unknown_sort_field()
    {
        var customer = await Portal.SeedCustomerAsync("Contoso Sort");
        var ca = await Portal.SeedCaAsync(customer.Id, "Contoso Sort CA", 3650);
        await Portal.SeedClientCertAsync(ca.Id, "b-user", 30);
        await Portal.SeedClientCertAsync(ca.Id, "a-user", 300);
        await Portal.SeedClientCertAsync(ca.Id, "c-user", 100);
        // Another CA of the customer, named to sort first, with the certificate that expires last.
        var first = await Portal.SeedCaAsync(customer.Id, "Aardvark Sort CA", 3650);
        await Portal.SeedClientCertAsync(first.Id, "z-user", 360);
        var api = Portal.ApiClient(await Portal.CreateTokenAsync("admin"));

        async Task<string> Order(string query) => string.Join(" ",
            (await (await api.GetAsync($"/api/v1/client-certs?customerId={customer.Id}{query}")).JsonAsync()).Items().Select(c => c.Str("commonName")));

        Assert.Equal("b-user c-user a-user z-user", await Order(""));
        Assert.Equal("a-user b-user c-user z-user", await Order("&sort=name"));
        Assert.Equal("z-user c-user b-user a-user", await Order("&sort=name&order=desc"));
        Assert.Equal("z-user a-user c-user b-user", await Order("&sort=expires&order=desc"));
        // By CA name, then soonest expiry within a CA.
        Assert.Equal("z-user b-user c-user a-user", await Order("&sort=ca"));
        Assert.Equal("b-user c-user a-user z-user", await Order("&sort=ca&order=desc"));
        var problem = await ProblemAssert.IsProblemAsync(await api.GetAsync("/api/v1/client-certs?sort=issuer"), System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("Allowed: expires, name, status, usage, ca, customer.", problem.Str("detail"));
    }
}
