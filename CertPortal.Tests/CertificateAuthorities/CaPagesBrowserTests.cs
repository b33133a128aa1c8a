using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.CertificateAuthorities;

/// <summary>The CA pages in Chromium: create a root and an intermediate, see the chain of issuance and the CRL move on.</summary>
public sealed class CaPagesBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task A_technician_creates_a_root_and_an_intermediate_and_signs_a_new_crl_while_readonly_only_looks()
    {
        await Portal.CreateUserAsync("pki@msp.test", Roles.Technician);
        await Portal.CreateUserAsync("viewer@msp.test", Roles.ReadOnly);
        var page = await SignInAsync("pki@msp.test");

        await page.OpenAsync("/cas");
        await page.GetByTestId("new-ca").ClickAsync();
        await page.Field("ca-name").FillAsync("Contoso Root");
        await page.Field("ca-subject").FillAsync("CN=Contoso Root,C=Germany");
        // The test portal listens on 127.0.0.1, so the written addresses are local and creating asks first.
        await page.Field("ca-loopback-confirm").CheckAsync();
        await page.GetByTestId("save-ca").ClickAsync();
        await Assertions.Expect(page.GetByTestId("create-ca-dialog")).ToContainTextAsync("two-letter country code");
        await page.Field("ca-subject").FillAsync("CN=Contoso Root,O=Contoso,C=DE");
        await page.GetByTestId("save-ca").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ca-title")).ToHaveTextAsync("Contoso Root");
        await Assertions.Expect(page.GetByTestId("ca-crl-number")).ToHaveTextAsync("CRL number 1");
        var rootUrl = page.Url;

        await page.OpenAsync("/cas");
        await page.GetByTestId("new-ca").ClickAsync();
        await page.Field("ca-name").FillAsync("Contoso VPN");
        await page.Field("ca-subject").FillAsync("CN=Contoso VPN CA,O=Contoso");
        await page.ChooseAsync("ca-parent", "Contoso Root");
        await page.Field("ca-loopback-confirm").CheckAsync();
        await page.GetByTestId("save-ca").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ca-title")).ToHaveTextAsync("Contoso VPN");
        await Assertions.Expect(page.GetByTestId("ca-summary")).ToContainTextAsync("CN=Contoso VPN CA, O=Contoso");
        await Assertions.Expect(page.GetByTestId("ca-chain-entry")).ToHaveCountAsync(2);

        await page.OpenAsync(new Uri(rootUrl).PathAndQuery);
        await Assertions.Expect(page.GetByTestId("ca-issued-row")).ToContainTextAsync("Contoso VPN");
        await Assertions.Expect(page.GetByTestId("ca-counts")).ToHaveTextAsync("1 issued, 0 revoked");
        var before = await page.GetByTestId("ca-crl-number").InnerTextAsync();
        await page.GetByTestId("ca-publish-crl").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ca-crl-number")).Not.ToHaveTextAsync(before);
        await ChromiumFixture.ScreenshotAsync(page, "ca-detail");
        await page.OpenAsync("/cas");
        await Assertions.Expect(page.GetByTestId("ca-grid")).ToContainTextAsync("intermediate");
        await ChromiumFixture.ScreenshotAsync(page, "cas");

        // An in-house root brought in with its key; a certificate that is no CA is refused first.
        using var files = new TempFolder("ca-import");
        Pki.OpenSsl.Ok(files.Path, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
            "-subj", "/CN=Inhouse Root", "-days", "30", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        Pki.OpenSsl.Ok(files.Path, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "leaf.key", "-out", "leaf.pem",
            "-subj", "/CN=not-a-ca", "-days", "30", "-addext", "basicConstraints=critical,CA:FALSE");
        await File.WriteAllTextAsync(Path.Combine(files.Path, "leaf-bundle.pem"), File.ReadAllText(Path.Combine(files.Path, "leaf.pem")) + File.ReadAllText(Path.Combine(files.Path, "leaf.key")));
        await File.WriteAllTextAsync(Path.Combine(files.Path, "ca-bundle.pem"), File.ReadAllText(Path.Combine(files.Path, "ca.pem")) + File.ReadAllText(Path.Combine(files.Path, "ca.key")));
        await page.GetByTestId("import-ca").ClickAsync();
        await page.Field("import-ca-name").FillAsync("Inhouse Root");
        // The portal listens on 127.0.0.1 here: as on create, local revocation addresses wait for the tick.
        await Assertions.Expect(page.GetByTestId("save-import-ca")).ToBeDisabledAsync();
        await page.Field("ca-loopback-confirm").CheckAsync();
        await page.GetByTestId("import-ca-file").SetInputFilesAsync(Path.Combine(files.Path, "leaf-bundle.pem"));
        await Assertions.Expect(page.GetByTestId("import-ca-file-name")).ToContainTextAsync("leaf-bundle.pem");
        await page.GetByTestId("save-import-ca").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-ca-error")).ToContainTextAsync("is not a CA certificate");
        await page.GetByTestId("import-ca-file").SetInputFilesAsync(Path.Combine(files.Path, "ca-bundle.pem"));
        await Assertions.Expect(page.GetByTestId("import-ca-file-name")).ToContainTextAsync("ca-bundle.pem");
        await page.GetByTestId("save-import-ca").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ca-title")).ToHaveTextAsync("Inhouse Root");
        await Assertions.Expect(page.GetByTestId("ca-crl-number")).ToHaveTextAsync("CRL number 1");

        var viewer = await SignInAsync("viewer@msp.test");
        await viewer.OpenAsync("/cas");
        await Assertions.Expect(viewer.GetByTestId("ca-grid")).ToContainTextAsync("Contoso Root");
        await Assertions.Expect(viewer.GetByTestId("new-ca")).ToHaveCountAsync(0);
        await viewer.OpenAsync(new Uri(rootUrl).PathAndQuery);
        await Assertions.Expect(viewer.GetByTestId("ca-publish-crl")).ToHaveCountAsync(0);
        Assert.DoesNotContain("PRIVATE KEY", await viewer.ContentAsync());
    }
}
