using CertPortal.Security;
using CertPortal.Tests.Dashboard;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Customers;

/// <summary>One customer's page in Chromium: every section over seeded data, its worklist, its report links, and ReadOnly.</summary>
public sealed class CustomerDetailBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task A_customer_row_opens_the_customer_page_with_each_section()
    {
        var data = await WatchData.SeedAsync(Portal);
        await Portal.CreateUserAsync("tech@msp.test", Roles.Technician);
        var page = await SignInAsync("tech@msp.test");

        await page.OpenAsync("/customers");
        await page.GetByTestId("customer-grid").Locator("tbody tr").Filter(new() { HasText = data.CustomerName }).Locator("td").Nth(2).ClickAsync();
        await page.WaitForURLAsync($"{Portal.BaseUrl}/customers/{data.CustomerId}");

        await Assertions.Expect(page.GetByTestId("customer-title")).ToHaveTextAsync(data.CustomerName);
        await Assertions.Expect(page.GetByTestId("customer-alert-email")).ToHaveTextAsync("it@contoso.test");
        await Assertions.Expect(page.GetByTestId("attention-total")).ToHaveTextAsync("14 in all");
        await Assertions.Expect(page.GetByTestId("attention-item").First).ToHaveAttributeAsync("data-kind", "certificate.expired");
        await Assertions.Expect(page.GetByTestId("customer-certificates-total")).ToHaveTextAsync("9");
        var certificates = page.GetByTestId("customer-certificate");
        await Assertions.Expect(certificates).ToHaveCountAsync(9);
        await Assertions.Expect(certificates.First).ToContainTextAsync("failed.");
        await Assertions.Expect(certificates.Nth(1)).ToContainTextAsync("expired.");
        await Assertions.Expect(page.GetByTestId("customer-client-certs-total")).ToHaveTextAsync("4");
        await Assertions.Expect(page.GetByTestId("customer-cas-total")).ToHaveTextAsync("3");
        await Assertions.Expect(page.GetByTestId("customer-targets-total")).ToHaveTextAsync("5");
        await Assertions.Expect(page.GetByTestId("customer-bindings-total")).ToHaveTextAsync("5");
        await Assertions.Expect(page.GetByTestId("customer-binding").Filter(new() { HasText = "Failing firewall" })).ToContainTextAsync("failed");
        await Assertions.Expect(page.GetByTestId("customer-binding").Filter(new() { HasText = "Old web server" })).ToContainTextAsync("no");
        await Assertions.Expect(page.GetByTestId("customer-dns-providers")).ToContainTextAsync("manual");
        await Assertions.Expect(page.GetByTestId("customer-acme-accounts")).ToContainTextAsync("acme-v02.api.letsencrypt.org");
        await Assertions.Expect(page.GetByTestId("customer-audit-entry").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("customer-inventory-csv")).ToHaveAttributeAsync("href", $"reports/inventory.csv?customerId={data.CustomerId}");
        await Assertions.Expect(page.GetByTestId("customer-report")).ToHaveAttributeAsync("href", $"reports/customers/{data.CustomerId}");
        await Assertions.Expect(page.GetByTestId("edit-customer")).ToBeVisibleAsync();
        await ChromiumFixture.ScreenshotAsync(page, "customer");

        await page.GetByTestId("customer-bindings-all").ClickAsync();
        await page.WaitForURLAsync($"{Portal.BaseUrl}/deployments?customerId={data.CustomerId}");
        await Assertions.Expect(page.GetByTestId("deployment-grid").Locator("tbody tr")).ToHaveCountAsync(5);
    }

    [Fact]
    public async Task ReadOnly_sees_the_customer_but_no_action_and_no_audit_log()
    {
        var data = await WatchData.SeedAsync(Portal);
        await Portal.CreateUserAsync("sales@msp.test", Roles.ReadOnly);
        var page = await SignInAsync("sales@msp.test");
        await Assertions.Expect(page.GetByTestId("attention-item").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main button")).ToHaveCountAsync(0);

        await page.OpenAsync($"/customers/{data.CustomerId}");

        await Assertions.Expect(page.GetByTestId("customer-certificates-total")).ToHaveTextAsync("9");
        await Assertions.Expect(page.GetByTestId("attention-total")).ToHaveTextAsync("14 in all");
        await Assertions.Expect(page.GetByTestId("customer-inventory-csv")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("customer-audit")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("edit-customer")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("main button")).ToHaveCountAsync(0);

        await page.OpenAsync($"/customers/{Guid.NewGuid()}");
        await Assertions.Expect(page.GetByTestId("customer-not-found")).ToBeVisibleAsync();
    }
}
