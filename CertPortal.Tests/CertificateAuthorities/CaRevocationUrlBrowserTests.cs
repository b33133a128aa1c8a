using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.CertificateAuthorities;

/// <summary>
/// The CA dialogs (create, import, and the CA page's edit) show the addresses a CA will write, and ask before writing local ones.
/// </summary>
public sealed class CaRevocationUrlBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task The_dialog_shows_the_written_addresses_as_typed_asks_for_confirmation_on_loopback_and_not_for_a_public_url()
    {
        await Portal.CreateUserAsync("pki-urls@msp.test", Roles.Technician);
        var page = await SignInAsync("pki-urls@msp.test");
        await page.OpenAsync("/cas");
        await page.GetByTestId("new-ca").ClickAsync();
        await page.Field("ca-name").FillAsync("Contoso VPN Root");
        await page.Field("ca-subject").FillAsync("CN=Contoso VPN Root,O=Contoso");

        // Empty: the portal's own address, which in this test is 127.0.0.1: a warning, and Create waits for the tick.
        await Assertions.Expect(page.GetByTestId("ca-written-crl")).ToHaveTextAsync($"{Portal.BaseUrl}/pki/{{id}}/crl");
        await Assertions.Expect(page.GetByTestId("ca-loopback-warning")).ToContainTextAsync("cannot check revocation");
        await Assertions.Expect(page.GetByTestId("save-ca")).ToBeDisabledAsync();

        await page.Field("ca-revocation-base-url").FillAsync("http://localhost:8080");
        await Assertions.Expect(page.GetByTestId("ca-written-ocsp")).ToHaveTextAsync("http://localhost:8080/pki/{id}/ocsp");
        await Assertions.Expect(page.GetByTestId("ca-loopback-warning")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("save-ca")).ToBeDisabledAsync();

        await page.Field("ca-revocation-base-url").FillAsync("pki.contoso.example");
        await Assertions.Expect(page.GetByTestId("create-ca-dialog")).ToContainTextAsync("absolute http:// or https:// address");

        await page.Field("ca-revocation-base-url").FillAsync("http://pki.contoso.example");
        await Assertions.Expect(page.GetByTestId("ca-written-ca-issuers")).ToHaveTextAsync("http://pki.contoso.example/pki/{id}/ca.crt");
        await Assertions.Expect(page.GetByTestId("ca-written-crl")).ToHaveTextAsync("http://pki.contoso.example/pki/{id}/crl");
        await Assertions.Expect(page.GetByTestId("ca-written-ocsp")).ToHaveTextAsync("http://pki.contoso.example/pki/{id}/ocsp");
        await Assertions.Expect(page.GetByTestId("ca-loopback-warning")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("save-ca")).ToBeEnabledAsync();
        await ChromiumFixture.ScreenshotAsync(page, "create-ca-revocation-url");
        await page.GetByTestId("save-ca").ClickAsync();

        await Assertions.Expect(page.GetByTestId("ca-title")).ToHaveTextAsync("Contoso VPN Root");
        var id = page.Url.Split('/').Last();
        await Assertions.Expect(page.GetByTestId("ca-url-ocsp")).ToHaveTextAsync($"http://pki.contoso.example/pki/{id}/ocsp");
        await Assertions.Expect(page.GetByTestId("ca-url-crl")).ToHaveTextAsync($"http://pki.contoso.example/pki/{id}/crl");
        await Assertions.Expect(page.GetByTestId("ca-url-ca-issuers")).ToHaveTextAsync($"http://pki.contoso.example/pki/{id}/ca.crt");

        // A local address is written only after the person ticked that it is meant.
        await page.OpenAsync("/cas");
        await page.GetByTestId("new-ca").ClickAsync();
        await page.Field("ca-name").FillAsync("Lab Root");
        await page.Field("ca-subject").FillAsync("CN=Lab Root");
        await page.Field("ca-revocation-base-url").FillAsync("http://127.0.0.1:9000");
        await Assertions.Expect(page.GetByTestId("save-ca")).ToBeDisabledAsync();
        await page.Field("ca-loopback-confirm").CheckAsync();
        await page.GetByTestId("save-ca").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ca-title")).ToHaveTextAsync("Lab Root");
        await Assertions.Expect(page.GetByTestId("ca-revocation-base")).ToHaveTextAsync("http://127.0.0.1:9000");
    }

    [Fact]
    public async Task The_ca_page_changes_the_revocation_base_url_with_the_preview_and_the_loopback_tick_and_says_it_applies_from_now_on()
    {
        await Portal.CreateUserAsync("pki-edit@msp.test", Roles.Technician);
        var customer = await Portal.SeedCustomerAsync("Moving Contoso");
        var api = Portal.ApiClient(await Portal.CreateTokenAsync("technician"));
        var ca = await (await api.PostAsJsonAsync("/api/v1/cas",
                new { customerId = customer.Id, name = "Moving Root", subject = "CN=Moving Root", keyType = "ec256", validityDays = 365 }))
            .JsonAsync(System.Net.HttpStatusCode.Created);
        var id = ca.Str("id");

        var page = await SignInAsync("pki-edit@msp.test");
        await page.OpenAsync($"/cas/{id}");
        await Assertions.Expect(page.GetByTestId("ca-revocation-base")).ToHaveTextAsync("the portal's address");
        await page.GetByTestId("ca-edit-revocation").ClickAsync();
        var dialog = page.GetByTestId("edit-ca-revocation-dialog");
        await Assertions.Expect(page.GetByTestId("edit-ca-revocation-scope")).ToContainTextAsync("Only certificates this CA issues from now on carry the new addresses");
        // Empty: the portal's address, 127.0.0.1 in this test, with this CA's own id.
        await Assertions.Expect(page.GetByTestId("ca-written-crl")).ToHaveTextAsync($"{Portal.BaseUrl}/pki/{id}/crl");
        await Assertions.Expect(page.GetByTestId("ca-loopback-warning")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("save-ca-revocation")).ToBeDisabledAsync();

        await page.Field("ca-revocation-base-url").FillAsync("pki.contoso.example");
        await Assertions.Expect(dialog).ToContainTextAsync("absolute http:// or https:// address");
        await page.Field("ca-revocation-base-url").FillAsync("http://localhost:8080");
        await Assertions.Expect(page.GetByTestId("ca-written-ocsp")).ToHaveTextAsync($"http://localhost:8080/pki/{id}/ocsp");
        await Assertions.Expect(page.GetByTestId("save-ca-revocation")).ToBeDisabledAsync();
        await page.Field("ca-loopback-confirm").CheckAsync();
        await Assertions.Expect(page.GetByTestId("save-ca-revocation")).ToBeEnabledAsync();

        await page.Field("ca-revocation-base-url").FillAsync("http://pki.contoso.example");
        await Assertions.Expect(page.GetByTestId("ca-loopback-warning")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("ca-written-ca-issuers")).ToHaveTextAsync($"http://pki.contoso.example/pki/{id}/ca.crt");
        await ChromiumFixture.ScreenshotAsync(page, "ca-edit-revocation-url");
        await page.GetByTestId("save-ca-revocation").ClickAsync();

        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("ca-revocation-base")).ToHaveTextAsync("http://pki.contoso.example");
        await Assertions.Expect(page.GetByTestId("ca-url-crl")).ToHaveTextAsync($"http://pki.contoso.example/pki/{id}/crl");
        Assert.Contains("Changed the revocation addresses of CA 'Moving Root'", await api.GetStringAsync($"/api/v1/audit?entityId={id}&action=ca.update"));
    }

    [Fact]
    public async Task The_import_dialog_takes_a_revocation_base_url_with_the_preview()
    {
        await Portal.CreateUserAsync("pki-import@msp.test", Roles.Technician);
        using var files = new TempFolder("ca-import-url");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest("CN=Inhouse Moved Root", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            using var root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(300));
            await File.WriteAllTextAsync(Path.Combine(files.Path, "root.pem"), root.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
        }

        var page = await SignInAsync("pki-import@msp.test");
        await page.OpenAsync("/cas");
        await page.GetByTestId("import-ca").ClickAsync();
        await page.Field("import-ca-name").FillAsync("Inhouse Moved Root");
        await page.GetByTestId("import-ca-file").SetInputFilesAsync(Path.Combine(files.Path, "root.pem"));
        await Assertions.Expect(page.GetByTestId("import-ca-file-name")).ToContainTextAsync("root.pem");
        await page.Field("ca-revocation-base-url").FillAsync("http://pki.inhouse.example/?v=1");
        await Assertions.Expect(page.GetByTestId("import-ca-dialog")).ToContainTextAsync("must not have a query");
        await page.Field("ca-revocation-base-url").FillAsync("http://pki.inhouse.example");
        await Assertions.Expect(page.GetByTestId("ca-written-crl")).ToHaveTextAsync("http://pki.inhouse.example/pki/{id}/crl");
        await Assertions.Expect(page.GetByTestId("ca-loopback-warning")).ToHaveCountAsync(0);
        await page.GetByTestId("save-import-ca").ClickAsync();

        await Assertions.Expect(page.GetByTestId("ca-title")).ToHaveTextAsync("Inhouse Moved Root");
        var id = page.Url.Split('/').Last();
        await Assertions.Expect(page.GetByTestId("ca-revocation-base")).ToHaveTextAsync("http://pki.inhouse.example");
        await Assertions.Expect(page.GetByTestId("ca-url-ocsp")).ToHaveTextAsync($"http://pki.inhouse.example/pki/{id}/ocsp");
    }
}
