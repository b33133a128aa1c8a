using CertPortal.Features.Customers;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CertPortal.Tests.Customers;

public sealed class CustomersPageBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task A_technician_searches_edits_and_deletes_customers_and_sees_why_a_delete_is_refused()
    {
        await Portal.CreateUserAsync("tech@msp.test", Roles.Technician);
        var customers = new List<CustomerView>();
        foreach (var name in new[] { "Alpine Bakery", "Birch Legal", "Cedar Clinic" })
            customers.Add(await Portal.InScopeAsync(async sp => (await sp.GetRequiredService<CustomerService>().CreateAsync(new CustomerInput(name, "", []))).Value!));
        await Portal.CreateTokenAsync("readonly", customers[2].Id, "cedar-portal");

        var page = await SignInAsync("tech@msp.test");
        await page.OpenAsync("/customers");
        var grid = page.GetByTestId("customer-grid");
        await Assertions.Expect(grid).ToContainTextAsync("1-3 of 3");

        await page.Field("customer-search").FillAsync("birch");
        await Assertions.Expect(grid).ToContainTextAsync("1-1 of 1");
        await Assertions.Expect(grid).Not.ToContainTextAsync("Alpine Bakery");

        await grid.GetByTestId("edit-customer").ClickAsync();
        await page.Field("customer-name").FillAsync("Alpine Bakery");
        await page.GetByTestId("save-customer").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-dialog")).ToContainTextAsync("A customer named 'Alpine Bakery' already exists.");
        await page.Field("customer-name").FillAsync("Birch & Partners Legal");
        await page.Field("customer-notes").FillAsync("FortiGate 100F at HQ");
        await page.GetByTestId("save-customer").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-dialog")).ToHaveCountAsync(0);

        await page.Field("customer-search").FillAsync("");
        await Assertions.Expect(grid).ToContainTextAsync("Birch & Partners Legal");
        await Assertions.Expect(grid).ToContainTextAsync("FortiGate 100F at HQ");

        var cedar = grid.Locator("tr", new() { HasText = "Cedar Clinic" });
        await cedar.GetByTestId("delete-customer").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar.mud-alert-filled-error")).ToContainTextAsync("Customer 'Cedar Clinic' still has 1 active API token");
        await Assertions.Expect(grid).ToContainTextAsync("Cedar Clinic");

        var alpine = grid.Locator("tr", new() { HasText = "Alpine Bakery" });
        await alpine.GetByTestId("delete-customer").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(grid).Not.ToContainTextAsync("Alpine Bakery");
        await Assertions.Expect(grid).ToContainTextAsync("1-2 of 2");
    }

    [Fact]
    public async Task The_list_pages_through_many_customers_on_the_server()
    {
        await Portal.CreateUserAsync("pager@msp.test", Roles.ReadOnly);
        await Portal.InScopeAsync(async sp =>
        {
            var service = sp.GetRequiredService<CustomerService>();
            for (var i = 0; i < 60; i++)
                await service.CreateAsync(new CustomerInput($"Customer {i:D2}", "", []));
            return 0;
        });
        var page = await SignInAsync("pager@msp.test");
        await page.OpenAsync("/customers");
        var grid = page.GetByTestId("customer-grid");
        await Assertions.Expect(grid).ToContainTextAsync("1-25 of 60");
        await Assertions.Expect(grid).ToContainTextAsync("Customer 00");
        await page.GetByLabel("Next page").ClickAsync();
        await Assertions.Expect(grid).ToContainTextAsync("26-50 of 60");
        await Assertions.Expect(grid).ToContainTextAsync("Customer 25");
        await Assertions.Expect(grid).Not.ToContainTextAsync("Customer 00");
    }
}
