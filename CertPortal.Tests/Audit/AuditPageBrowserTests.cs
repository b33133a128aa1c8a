using CertPortal.Features.Customers;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CertPortal.Tests.Audit;

public sealed class AuditPageBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task The_audit_page_filters_by_user_entity_and_date()
    {
        Portal.Clock.Advance(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero) - Portal.Clock.GetUtcNow());
        await Portal.CreateUserAsync("auditor@msp.test", Roles.Technician);
        await Portal.InScopeAsync(sp => sp.GetRequiredService<CustomerService>().CreateAsync(new CustomerInput("March Customer", "", [])));
        Portal.Clock.Advance(TimeSpan.FromDays(5));
        var token = await Portal.CreateTokenAsync("technician", name: "nightly-sync");
        await Portal.ApiClient(token).PostAsync("/api/v1/customers",
            new StringContent("{\"name\":\"Later Customer\"}", System.Text.Encoding.UTF8, "application/json"));

        var page = await SignInAsync("auditor@msp.test", timeZone: "UTC");
        await page.OpenAsync("/audit");
        var grid = page.GetByTestId("audit-grid");
        await Assertions.Expect(grid).ToContainTextAsync("Created customer 'March Customer'");
        await Assertions.Expect(grid).ToContainTextAsync("token:nightly-sync");

        await page.Field("audit-user").FillAsync("nightly-sync");
        await Assertions.Expect(grid).Not.ToContainTextAsync("March Customer");
        await Assertions.Expect(grid).ToContainTextAsync("Created customer 'Later Customer'");
        await page.Field("audit-user").FillAsync("");

        await page.ChooseAsync("audit-entity", "User");
        await Assertions.Expect(grid).ToContainTextAsync("Created user auditor@msp.test");
        await Assertions.Expect(grid).Not.ToContainTextAsync("Created customer");
        await ChromiumFixture.ScreenshotAsync(page, "audit-filtered");
    }
}
