using System.Security.Cryptography;
using CertPortal.Security;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Reports;

/// <summary>The Reports page in Chromium: the compliance view a sales person opens from the navigation, and its links.</summary>
public sealed class ComplianceBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task Reports_in_the_navigation_open_the_compliance_view_with_weak_and_not_renewed_certificates_and_each_customers_report()
    {
        var legacy = await Portal.SeedCustomerAsync("Fabrikam Legacy");
        var modern = await Portal.SeedCustomerAsync("Northwind Modern");
        await Portal.ImportAsync(legacy.Id, ComplianceTests.SelfSigned("vpn.fabrikam.test", RSA.Create(1024), HashAlgorithmName.SHA256));
        await Portal.ImportAsync(legacy.Id, ComplianceTests.SelfSigned("printer.fabrikam.test", RSA.Create(2048), HashAlgorithmName.SHA1));
        using var shop = new TestChain("shop.northwind.test");
        await Portal.ImportAsync(modern.Id, shop);
        await Portal.CreateUserAsync("sales@msp.test", Roles.ReadOnly);
        var page = await SignInAsync("sales@msp.test");

        await page.GetByTestId("nav").GetByText("Reports").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(Portal.BaseUrl + "/reports/compliance");
        await Assertions.Expect(page.GetByTestId("compliance-total")).ToHaveTextAsync("3 issued certificate(s)");
        var weak = page.GetByTestId("compliance-weak").GetByTestId("compliance-row");
        await Assertions.Expect(weak).ToHaveCountAsync(2);
        await Assertions.Expect(weak.Filter(new() { HasText = "vpn.fabrikam.test" })).ToContainTextAsync("RSA key of 1024 bits (under 2048)");
        await Assertions.Expect(weak.Filter(new() { HasText = "printer.fabrikam.test" })).ToContainTextAsync("SHA-1 signature (sha1WithRSAEncryption)");
        await Assertions.Expect(page.GetByTestId("compliance-not-renewed").GetByTestId("compliance-row")).ToHaveCountAsync(3);
        var keyTypes = page.GetByTestId("compliance-key-types").GetByTestId("compliance-count");
        await Assertions.Expect(keyTypes.Filter(new() { HasText = "RSA 1024" }).GetByTestId("compliance-count-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("compliance-csv")).ToHaveAttributeAsync("href", "reports/inventory.csv");
        await ChromiumFixture.ScreenshotAsync(page, "compliance");

        // One customer: the filter goes into the URL, and the CSV link follows it.
        await page.ChooseAsync("compliance-customer-filter", "Northwind Modern");
        await Assertions.Expect(page).ToHaveURLAsync($"{Portal.BaseUrl}/reports/compliance?customerId={modern.Id}");
        await Assertions.Expect(page.GetByTestId("compliance-total")).ToHaveTextAsync("1 issued certificate(s)");
        await Assertions.Expect(page.GetByTestId("compliance-weak").GetByTestId("compliance-row")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("compliance-csv")).ToHaveAttributeAsync("href", $"reports/inventory.csv?customerId={modern.Id}");

        await page.GetByTestId("compliance-customer").Filter(new() { HasText = "Northwind Modern" }).GetByTestId("compliance-customer-report").ClickAsync();
        await Assertions.Expect(page.GetByTestId("report-customer")).ToHaveTextAsync("Northwind Modern");
        await Assertions.Expect(page.GetByTestId("report-certificate-name")).ToHaveTextAsync(["shop.northwind.test"]);
    }
}
