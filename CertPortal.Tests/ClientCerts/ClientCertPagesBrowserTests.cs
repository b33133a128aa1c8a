using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.ClientCerts;

/// <summary>The client certificate pages in Chromium: issue, a batch with a bad line, revoke; ReadOnly only looks.</summary>
public sealed class ClientCertPagesBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task A_technician_issues_one_uploads_a_batch_with_a_bad_line_and_revokes_while_readonly_only_looks()
    {
        await Portal.CreateUserAsync("pki-tech@msp.test", Roles.Technician);
        await Portal.CreateUserAsync("pki-viewer@msp.test", Roles.ReadOnly);
        var setup = await ClientCertSetup.CreateAsync(Portal);
        await setup.CreateCaAsync("CN=Contoso VPN,O=Contoso");
        using var files = new TempFolder("batch-upload");
        var csv = Path.Combine(files.Path, "users.csv");
        await File.WriteAllTextAsync(csv, "commonName,email,organization,usage,subjectAlternativeNames,validityDays,keyType\n" +
            "bob,bob@contoso.test,Contoso,client,,365,ec256\ncarol,carol@,Contoso,client,,365,ec256\ndan,dan@contoso.test,Contoso,client,,365,ec256\n");
        var page = await SignInAsync("pki-tech@msp.test");

        await page.OpenAsync("/client-certs");
        await page.GetByTestId("issue-client-cert").ClickAsync();
        await page.Field("issue-cn").FillAsync("Alice VPN");
        await page.Field("issue-email").FillAsync("alice@");
        await page.GetByTestId("submit-issue").ClickAsync();
        await Assertions.Expect(page.GetByTestId("issue-client-cert-dialog")).ToContainTextAsync("E must be an email address");
        await page.Field("issue-email").FillAsync("alice@contoso.test");
        await page.GetByTestId("submit-issue").ClickAsync();
        await Assertions.Expect(page.GetByTestId("client-cert-title")).ToHaveTextAsync("Alice VPN");
        await Assertions.Expect(page.GetByTestId("client-cert-status")).ToHaveTextAsync("valid");
        await Assertions.Expect(page.GetByTestId("client-cert-names")).ToHaveTextAsync("email:alice@contoso.test");
        var aliceUrl = new Uri(page.Url).PathAndQuery;

        await page.OpenAsync("/client-certs/batch");
        await page.GetByTestId("batch-file").SetInputFilesAsync(csv);
        await page.GetByTestId("batch-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("batch-summary")).ToHaveTextAsync("2 issued, 1 refused");
        await Assertions.Expect(page.GetByTestId("batch-error-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("batch-error-row")).ToContainTextAsync("3");
        await Assertions.Expect(page.GetByTestId("batch-error-row")).ToContainTextAsync("carol@");
        await Assertions.Expect(page.GetByTestId("batch-passwords")).ToContainTextAsync("dan.pfx");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("batch-download").ClickAsync());
        Assert.EndsWith(".zip", download.SuggestedFilename);
        await ChromiumFixture.ScreenshotAsync(page, "client-certs-batch");

        await page.OpenAsync(aliceUrl);
        await page.GetByTestId("revoke-client-cert").ClickAsync();
        await page.ChooseAsync("client-revoke-reason", "keyCompromise");
        await page.GetByTestId("confirm-client-revoke").ClickAsync();
        await Assertions.Expect(page.GetByTestId("client-cert-status")).ToHaveTextAsync("revoked");
        await Assertions.Expect(page.GetByTestId("client-cert-revoked")).ToContainTextAsync("keyCompromise");
        await Assertions.Expect(page.GetByTestId("revoke-client-cert")).ToHaveCountAsync(0);

        await page.OpenAsync("/client-certs");
        await Assertions.Expect(page.GetByTestId("client-cert-link")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("client-cert-grid")).ToContainTextAsync("revoked");
        await ChromiumFixture.ScreenshotAsync(page, "client-certs");

        var viewer = await SignInAsync("pki-viewer@msp.test");
        await viewer.OpenAsync("/client-certs");
        await Assertions.Expect(viewer.GetByTestId("client-cert-grid")).ToContainTextAsync("Alice VPN");
        await Assertions.Expect(viewer.GetByTestId("issue-client-cert")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByTestId("client-batch")).ToHaveCountAsync(0);
        await viewer.OpenAsync(aliceUrl);
        await viewer.GetByTestId("client-download-menu").ClickAsync();
        await Assertions.Expect(viewer.GetByTestId("client-download-pem-cert")).ToBeVisibleAsync();
        await Assertions.Expect(viewer.GetByTestId("client-download-pem-key")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByTestId("client-download-pfx")).ToHaveCountAsync(0);
        Assert.DoesNotContain("PRIVATE KEY", await viewer.ContentAsync());
    }
}
