using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.CertificateAuthorities;

/// <summary>The create-CA dialog shows the addresses a CA will write, and asks before writing local ones.</summary>
public sealed class CreateCaRevocationUrlBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
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
}
