using CertPortal.Security;
using CertPortal.Tests.ClientCerts;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.AcmeServer;

/// <summary>The ACME server page in Chromium: a technician makes an EAB key (a bad domain first), sees the HMAC once and revokes it.</summary>
public sealed class AcmeServerPageBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task A_technician_makes_an_eab_key_sees_its_hmac_once_and_the_directory_url_then_revokes_it()
    {
        await Portal.CreateUserAsync("acme-tech@msp.test", Roles.Technician);
        var setup = await ClientCertSetup.CreateAsync(Portal);
        var ca = await setup.CreateCaAsync("CN=Contoso Servers,O=Contoso");
        var caId = ca.GetProperty("id").GetString();
        var page = await SignInAsync("acme-tech@msp.test");

        await page.OpenAsync("/acme-server");
        await Assertions.Expect(page.GetByTestId("acme-directory-url")).ToContainTextAsync($"/acme/{caId}/directory");
        await Assertions.Expect(page.GetByTestId("acme-eab-empty")).ToBeVisibleAsync();
        await page.Field("acme-eab-name").FillAsync("web01");
        await page.Field("acme-eab-domains").FillAsync("intranet.contoso.test, not a domain");
        await page.GetByTestId("acme-eab-create").ClickAsync();
        await Assertions.Expect(page.GetByText("'not a domain' is not a DNS name suffix").First).ToBeVisibleAsync();
        await page.Field("acme-eab-domains").FillAsync("intranet.contoso.test");
        await page.GetByTestId("acme-eab-create").ClickAsync();

        await Assertions.Expect(page.GetByTestId("acme-eab-created")).ToContainTextAsync("not shown again");
        var hmac = await page.GetByTestId("acme-eab-hmac").TextContentAsync();
        Assert.Matches("^[A-Za-z0-9_-]{43}$", hmac);
        await Assertions.Expect(page.GetByTestId("acme-eab-table")).ToContainTextAsync("intranet.contoso.test");
        await Assertions.Expect(page.GetByTestId("acme-eab-status")).ToHaveTextAsync("unused");
        await ChromiumFixture.ScreenshotAsync(page, "acme-server");

        await page.OpenAsync("/acme-server");
        await Assertions.Expect(page.GetByTestId("acme-eab-table")).ToContainTextAsync("web01");
        Assert.DoesNotContain(hmac!, await page.ContentAsync());
        await page.GetByTestId("acme-eab-revoke").ClickAsync();
        await Assertions.Expect(page.GetByTestId("acme-eab-status")).ToHaveTextAsync("revoked");
        var audit = await (await setup.Api.GetAsync("/api/v1/audit?action=acme-server.eab-key.create&pageSize=50")).JsonAsync();
        Assert.Contains(audit.Items(), e => e.Str("outcome") == "failure" && e.Str("summary")!.Contains("not a domain"));
        Assert.DoesNotContain(hmac!, audit.ToString());
    }
}
