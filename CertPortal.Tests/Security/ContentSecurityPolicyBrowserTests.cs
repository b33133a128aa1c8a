using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Security;

public sealed class ContentSecurityPolicyBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    // Chromium reports a CSP refusal both on the console and as a securitypolicyviolation event; the init script
    // (injected by the DevTools protocol, so not itself subject to the policy) turns each event into a console line.
    private const string ReportViolations = """
        document.addEventListener('securitypolicyviolation', e =>
            console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));
        """;

    [Fact]
    public async Task The_main_pages_and_a_dialog_work_under_the_policy_without_one_violation()
    {
        await Portal.CreateUserAsync("tech@msp.test", Roles.Technician);
        var page = await NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.StartsWith("CSP violation", StringComparison.Ordinal))
                violations.Add($"{page.Url}: {message.Text}");
        };
        await page.AddInitScriptAsync(ReportViolations);

        var signInPage = await page.GotoAsync("/Account/Login");
        Assert.Contains("frame-ancestors 'none'", await signInPage!.HeaderValueAsync("content-security-policy"));
        await page.FillAsync("#email", "tech@msp.test");
        await page.FillAsync("#password", TestPasswords.Default);
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForURLAsync(Portal.BaseUrl + "/");
        await page.GetByTestId("circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.OpenAsync("/certificates");
        await Assertions.Expect(page.GetByTestId("certificate-search")).ToBeVisibleAsync();

        // A dialog and a save need the circuit's websocket: they prove connect-src and the scripts still work.
        await page.OpenAsync("/customers");
        await page.GetByTestId("new-customer").ClickAsync();
        await page.Field("customer-name").FillAsync("Under Policy Ltd");
        await ChromiumFixture.ScreenshotAsync(page, "csp-customer-dialog");
        await page.GetByTestId("save-customer").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-grid")).ToContainTextAsync("Under Policy Ltd");

        await page.OpenAsync("/");
        await Assertions.Expect(page.GetByTestId("circuit-ready")).ToBeAttachedAsync();
        Assert.True(violations.Count == 0, "CSP violations:\n" + string.Join("\n", violations));
    }
}
