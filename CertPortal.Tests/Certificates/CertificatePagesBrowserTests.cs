using System.Security.Cryptography;
using System.Text;
using CertPortal.Security;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Certificates;

/// <summary>The certificate pages in Chromium: register an account, request, watch the steps live, renew, download, revoke, import.</summary>
public sealed class CertificatePagesBrowserTests(ChromiumFixture chromium, PebbleOnBindFixture peers) : BrowserTest(chromium), IClassFixture<PebbleOnBindFixture>
{
    [Fact]
    public async Task A_request_for_a_customer_without_an_acme_account_registers_one_on_the_spot_and_picks_it()
    {
        await Portal.CreateUserAsync("no-account@msp.test", Roles.Technician);
        await Portal.SeedCustomerAsync("Woodgrove Bank");
        var page = await SignInAsync("no-account@msp.test");
        await page.OpenAsync("/certificates");
        await page.GetByTestId("request-certificate").ClickAsync();
        await page.ChooseAsync("request-customer", "Woodgrove Bank");
        await Assertions.Expect(page.GetByTestId("request-no-account")).ToContainTextAsync("This customer has no ACME account yet");

        await page.GetByTestId("request-register-account").ClickAsync();
        await Assertions.Expect(page.GetByTestId("acme-customer")).ToHaveTextAsync("Woodgrove Bank");
        await page.Field("acme-name").FillAsync("Woodgrove Pebble");
        await page.ChooseAsync("acme-preset", "Other ACME CA (directory URL)");
        await page.Field("acme-directory").FillAsync(peers.Pebble.DirectoryUrl.AbsoluteUri);
        await page.Field("acme-email").FillAsync("ops@msp.test");
        await page.Field("acme-roots").FillAsync(peers.Pebble.TlsRootPem);
        await page.GetByTestId("save-acme-account").ClickAsync();

        await Assertions.Expect(page.GetByTestId("acme-account-dialog")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("request-no-account")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("request-account")).ToHaveTextAsync("Woodgrove Pebble");
        await ChromiumFixture.ScreenshotAsync(page, "request-registered-account");
    }

    [Fact]
    public async Task A_technician_registers_an_account_requests_a_wildcard_watches_it_issue_renews_downloads_and_revokes_it()
    {
        await Portal.CreateUserAsync("tech@msp.test", Roles.Technician);
        var setup = await IssuanceSetup.CreateAsync(Portal, peers);
        var page = await SignInAsync("tech@msp.test");

        await page.OpenAsync("/acme-accounts");
        await page.GetByTestId("new-acme-account").ClickAsync();
        await page.Field("acme-name").FillAsync("Pebble (UI)");
        await page.ChooseAsync("acme-preset", "Other ACME CA (directory URL)");
        await page.Field("acme-directory").FillAsync(peers.Pebble.DirectoryUrl.AbsoluteUri);
        await page.Field("acme-email").FillAsync("not-an-email");
        await page.GetByTestId("save-acme-account").ClickAsync();
        await Assertions.Expect(page.GetByTestId("acme-account-dialog")).ToContainTextAsync("valid contact email");
        await page.Field("acme-email").FillAsync("ops@msp.test");
        await page.Field("acme-roots").FillAsync(peers.Pebble.TlsRootPem);
        await page.GetByTestId("save-acme-account").ClickAsync();
        await Assertions.Expect(page.GetByTestId("acme-account-grid")).ToContainTextAsync("Pebble (UI)");
        await ChromiumFixture.ScreenshotAsync(page, "acme-accounts");

        await page.OpenAsync("/certificates");
        await page.GetByTestId("request-certificate").ClickAsync();
        await page.GetByTestId("request-customer").ClickAsync();
        await page.GetByRole(AriaRole.Option).First.ClickAsync();
        await page.Field("request-cn").FillAsync("portal.example.test");
        await page.Field("request-sans").FillAsync("portal.example.test, bad_name.example.test");
        await page.ChooseAsync("request-account", "Pebble");
        await page.GetByTestId("submit-request").ClickAsync();
        await Assertions.Expect(page.GetByTestId("request-certificate-dialog")).ToContainTextAsync("not a valid host name");

        await page.Field("request-sans").FillAsync("");
        await page.Field("request-wildcard").CheckAsync();
        await Assertions.Expect(page.Field("request-wildcard")).ToBeCheckedAsync();
        await page.GetByTestId("submit-request").ClickAsync();

        // The detail page shows each step as the runner logs it, then the stored version.
        await Assertions.Expect(page.GetByTestId("certificate-title")).ToHaveTextAsync("portal.example.test");
        await Assertions.Expect(page.GetByTestId("run-step-name").Filter(new() { HasText = "Stored" })).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        // The two names (base and wildcard) are published in parallel, so their steps may interleave.
        var steps = await page.GetByTestId("run-step-name").AllInnerTextsAsync();
        var messages = string.Join(" | ", await page.GetByTestId("run-step").AllInnerTextsAsync());
        string[] expected = ["Order created", "Propagated", "Propagated", "TXT written", "TXT written", "Validated", "Finalized", "Stored"];
        Assert.True(expected.SequenceEqual([steps[0], .. steps.Skip(1).Take(4).Order(), .. steps.Skip(5)]), messages);
        await Assertions.Expect(page.Locator("[data-testid=certificate-status]").First).ToHaveTextAsync("valid");
        await Assertions.Expect(page.GetByTestId("certificate-names")).ToHaveTextAsync("portal.example.test, *.portal.example.test");
        await Assertions.Expect(page.GetByTestId("certificate-version")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("chain-entry")).ToHaveCountAsync(2);
        await ChromiumFixture.ScreenshotAsync(page, "certificate-detail");

        var thumbprint = await page.GetByTestId("certificate-thumbprint").InnerTextAsync();
        await page.GetByTestId("renew-certificate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("certificate-version")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("certificate-thumbprint")).Not.ToHaveTextAsync(thumbprint);
        await Assertions.Expect(page.GetByTestId("issuance-run").First).ToContainTextAsync("Renewal");

        await page.GetByTestId("download-menu").ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-pem-fullchain").ClickAsync());
        Assert.Equal("portal.example.test.fullchain.pem", download.SuggestedFilename);
        var pem = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Equal(await page.GetByTestId("certificate-thumbprint").InnerTextAsync(),
            Convert.ToHexStringLower(SHA256.HashData(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem).RawData)));

        await page.GetByTestId("revoke-certificate").ClickAsync();
        await page.GetByTestId("confirm-revoke").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=certificate-status]").First).ToHaveTextAsync("revoked");
        await Assertions.Expect(page.GetByTestId("renew-certificate")).ToHaveCountAsync(0);

        await page.OpenAsync("/certificates");
        await Assertions.Expect(page.GetByTestId("certificate-grid")).ToContainTextAsync("portal.example.test");
        await page.Field("certificate-search").FillAsync("nothing-like-this");
        await Assertions.Expect(page.GetByTestId("certificate-grid")).ToContainTextAsync("No certificates match these filters.");
    }

    [Fact]
    public async Task An_imported_bundle_is_checked_before_it_is_stored_and_readonly_sees_it_without_key_downloads()
    {
        await Portal.CreateUserAsync("tech2@msp.test", Roles.Technician);
        await Portal.CreateUserAsync("sales2@msp.test", Roles.ReadOnly);
        await Portal.SeedCustomerAsync("Northwind Clinic");
        using var chain = new TestChain("clinic.example.test");
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var files = new TempFolder("import");
        var wrong = Path.Combine(files.Path, "wrong.pem");
        var right = Path.Combine(files.Path, "right.pem");
        await File.WriteAllTextAsync(wrong, chain.LeafPem + otherKey.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(right, chain.IntermediatePem + chain.LeafPem + chain.KeyPem);

        var page = await SignInAsync("tech2@msp.test");
        await page.OpenAsync("/certificates");
        await page.GetByTestId("import-certificate").ClickAsync();
        await page.ChooseAsync("import-customer", "Northwind Clinic");
        await page.GetByTestId("import-file").SetInputFilesAsync(wrong);
        await Assertions.Expect(page.GetByTestId("import-file-name")).ToContainTextAsync("wrong.pem");
        await page.GetByTestId("submit-import").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-error")).ToContainTextAsync("does not match");

        await page.GetByTestId("import-file").SetInputFilesAsync(right);
        await Assertions.Expect(page.GetByTestId("import-file-name")).ToContainTextAsync("right.pem");
        await page.GetByTestId("submit-import").ClickAsync();
        await Assertions.Expect(page.GetByTestId("certificate-title")).ToHaveTextAsync("clinic.example.test");
        await Assertions.Expect(page.GetByTestId("certificate-summary")).ToContainTextAsync("Imported");
        await Assertions.Expect(page.GetByTestId("chain-entry")).ToHaveCountAsync(2);
        var url = page.Url;
        await page.OpenAsync("/");
        await Assertions.Expect(page.GetByTestId("count-certificates-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("count-certificates-failed-value")).ToHaveTextAsync("0");
        await page.OpenAsync("/certificates");
        await ChromiumFixture.ScreenshotAsync(page, "certificates");

        var readOnly = await SignInAsync("sales2@msp.test");
        await readOnly.OpenAsync("/certificates");
        await Assertions.Expect(readOnly.GetByTestId("certificate-grid")).ToContainTextAsync("clinic.example.test");
        await Assertions.Expect(readOnly.GetByTestId("request-certificate")).ToHaveCountAsync(0);
        await readOnly.OpenAsync(new Uri(url).PathAndQuery);
        await readOnly.GetByTestId("download-menu").ClickAsync();
        await Assertions.Expect(readOnly.GetByTestId("download-pem-cert")).ToBeVisibleAsync();
        await Assertions.Expect(readOnly.GetByTestId("download-pem-key")).ToHaveCountAsync(0);
        await Assertions.Expect(readOnly.GetByTestId("download-pfx")).ToHaveCountAsync(0);
        await Assertions.Expect(readOnly.GetByTestId("delete-certificate")).ToHaveCountAsync(0);
        Assert.DoesNotContain("PRIVATE KEY", await readOnly.ContentAsync());
    }
}
