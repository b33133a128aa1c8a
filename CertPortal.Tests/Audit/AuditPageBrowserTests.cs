using CertPortal.Features.Customers;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using CertPortal.Tests.Reports;
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

    [Fact]
    public async Task An_entry_shows_its_object_by_name_with_a_link_to_it_and_the_export_holds_the_filtered_entries()
    {
        await Portal.CreateUserAsync("names@msp.test", Roles.Admin);
        var customer = await Portal.InScopeAsync(sp => sp.GetRequiredService<CustomerService>().CreateAsync(new CustomerInput("Linked Customer", "", [])));
        var gone = await Portal.InScopeAsync(sp => sp.GetRequiredService<CustomerService>().CreateAsync(new CustomerInput("Vanished Customer", "", [])));
        await Portal.InScopeAsync(sp => sp.GetRequiredService<CustomerService>().DeleteAsync(gone.Value!.Id, Actor.CommandLine("test")));

        var page = await SignInAsync("names@msp.test", timeZone: "UTC");
        await page.OpenAsync("/audit");
        await page.ChooseAsync("audit-entity", "Customer");
        var grid = page.GetByTestId("audit-grid");
        await Assertions.Expect(grid.GetByTestId("audit-entity-name")).ToHaveTextAsync(["Vanished Customer", "Vanished Customer"]);
        await Assertions.Expect(grid.GetByTestId("audit-entity-link")).ToHaveTextAsync("Linked Customer");
        await Assertions.Expect(grid).Not.ToContainTextAsync(customer.Value!.Id.ToString());
        await ChromiumFixture.ScreenshotAsync(page, "audit-log");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        var rows = CsvText.Parse(await File.ReadAllTextAsync((await download.PathAsync())!));
        Assert.Equal(["When", "User", "IP", "Action", "Entity type", "Entity", "Entity id", "Outcome", "Summary"], rows[0]);
        Assert.Equal(["customer.delete", "customer.create", "customer.create"], rows.Skip(1).Select(r => r[3]));
        Assert.All(rows.Skip(1), r => Assert.Equal("Customer", r[4]));
        Assert.Equal("Linked Customer", rows[3][5]);

        await grid.GetByTestId("audit-entity-link").ClickAsync();
        await page.WaitForURLAsync($"**/customers/{customer.Value.Id}");

        // The customer page's "See all" opens the log narrowed to that customer.
        await page.OpenAsync($"/audit?customerId={customer.Value.Id}");
        await Assertions.Expect(page.GetByTestId("audit-summary")).ToHaveTextAsync(["Created customer 'Linked Customer'."]);
    }

    [Fact]
    public async Task A_binding_entry_is_named_by_its_certificate_and_target_and_links_to_the_binding()
    {
        await Portal.CreateUserAsync("bindings-log@msp.test", Roles.Admin);
        var (_, _, binding) = await Portal.SeedBindingAsync((await Portal.SeedCustomerAsync("Bound Customer")).Id, "www.bound.example.test", "fw01");

        var page = await SignInAsync("bindings-log@msp.test", timeZone: "UTC");
        await page.OpenAsync("/audit");
        await page.ChooseAsync("audit-entity", "Deployment");
        var grid = page.GetByTestId("audit-grid");
        await Assertions.Expect(grid.GetByTestId("audit-entity-link")).ToHaveTextAsync("www.bound.example.test → fw01");
        await Assertions.Expect(grid).Not.ToContainTextAsync(binding.Id.ToString());
        await ChromiumFixture.ScreenshotAsync(page, "audit-binding-named");
        await grid.GetByTestId("audit-entity-link").ClickAsync();
        await page.WaitForURLAsync($"**/deployments/{binding.Id}");

        await page.OpenAsync("/audit");
        await page.ChooseAsync("audit-entity", "Target");
        await Assertions.Expect(grid.GetByTestId("audit-entity-link")).ToHaveTextAsync("fw01");
        await grid.GetByTestId("audit-entity-link").ClickAsync();
        await page.WaitForURLAsync("**/targets");
    }
}
