using System.Text.Json;
using CertPortal.Data;
using CertPortal.Features.Certificates.Accounts;
using CertPortal.Features.Customers;
using CertPortal.Features.DnsProviders;
using CertPortal.Features.Targets;
using CertPortal.Security;
using CertPortal.Tests.Dashboard;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CertPortal.Tests.Customers;

/// <summary>/customers/{id}: one customer's objects, its worklist and its report links, and nothing of another customer.</summary>
public sealed class CustomerDetailBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task A_technician_opens_a_customer_from_its_row_and_sees_everything_it_owns_and_what_needs_attention()
    {
        var data = await SeedAsync();
        var tag = data.CustomerName.Split(' ')[1];
        await Portal.CreateUserAsync("tech@msp.test", Roles.Technician);
        var page = await SignInAsync("tech@msp.test");

        await page.OpenAsync("/customers");
        var grid = page.GetByTestId("customer-grid");
        var row = grid.Locator("tr", new() { HasText = data.CustomerName });
        // The edit button edits; it does not also open the row.
        await row.GetByTestId("edit-customer").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-dialog")).ToBeVisibleAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{Portal.BaseUrl}/customers");
        await Assertions.Expect(row.GetByTestId("customer-link")).ToHaveAttributeAsync("href", $"customers/{data.CustomerId}");
        await row.GetByText("FortiGate 100F at HQ").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{Portal.BaseUrl}/customers/{data.CustomerId}");

        await Assertions.Expect(page.GetByTestId("customer-title")).ToHaveTextAsync(data.CustomerName);
        await Assertions.Expect(page.GetByTestId("customer-alert-emails")).ToContainTextAsync("it@contoso.test");
        await Assertions.Expect(page.GetByTestId("customer-notes-text")).ToContainTextAsync("FortiGate 100F at HQ");
        await Assertions.Expect(page.GetByTestId("edit-customer")).ToBeVisibleAsync();

        var attention = page.GetByTestId("customer-attention");
        await Assertions.Expect(attention).ToContainTextAsync($"failed.{tag}.test: renewal failed");
        await Assertions.Expect(attention).ToContainTextAsync("The DNS provider timed out.");
        await Assertions.Expect(attention).ToContainTextAsync($"soon.{tag}.test");
        await Assertions.Expect(attention.Locator($"a[href='certificates/{data.Failed}']")).ToHaveCountAsync(1);

        var certificates = page.GetByTestId("customer-certificates");
        foreach (var name in new[] { "failed", "soon", "fine", "imported" })
            await Assertions.Expect(certificates).ToContainTextAsync($"{name}.{tag}.test");
        await Assertions.Expect(certificates.Locator("tr", new() { HasText = $"soon.{tag}.test" })).ToContainTextAsync("5 d");
        await Assertions.Expect(certificates.Locator("tr", new() { HasText = $"failed.{tag}.test" }).GetByTestId("certificate-status")).ToHaveTextAsync("failed");
        await Assertions.Expect(certificates.GetByTestId("customer-certificates-all")).ToHaveAttributeAsync("href", $"certificates?customerId={data.CustomerId}");

        var bindings = page.GetByTestId("customer-bindings");
        var failing = bindings.Locator("tr", new() { HasText = "Failing firewall" });
        await Assertions.Expect(failing.GetByTestId("deployment-status")).ToHaveTextAsync("failed");
        await Assertions.Expect(failing.Locator("time")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("customer-targets")).ToContainTextAsync("Healthy proxy");
        await Assertions.Expect(page.GetByTestId("customer-client-certs")).ToContainTextAsync($"vpn-alice-{tag}");
        await Assertions.Expect(page.GetByTestId("customer-cas")).ToContainTextAsync($"Long CA {tag}");
        await Assertions.Expect(page.GetByTestId("customer-dns-providers")).ToContainTextAsync($"Registrar {tag}");
        await Assertions.Expect(page.GetByTestId("customer-acme-accounts")).ToContainTextAsync($"Contoso LE {tag}");
        await Assertions.Expect(page.GetByTestId("customer-audit")).ToContainTextAsync($"Updated customer '{data.CustomerName}'");

        await Assertions.Expect(page.GetByTestId("customer-inventory-link")).ToHaveAttributeAsync("href", $"/reports/inventory.csv?customerId={data.CustomerId}");
        await Assertions.Expect(page.GetByTestId("customer-report-link")).ToHaveAttributeAsync("href", $"/reports/customers/{data.CustomerId}");

        // Nothing of the other customer, anywhere on the page.
        var body = await page.Locator(".mud-main-content").InnerTextAsync();
        Assert.DoesNotContain(data.OtherCustomerName, body);
        Assert.DoesNotContain("other-failed", body);
        Assert.DoesNotContain($"Other firewall {tag}", body);
        Assert.DoesNotContain($"Other registrar {tag}", body);
        Assert.DoesNotContain($"Fabrikam LE {tag}", body);
        await ChromiumFixture.ScreenshotAsync(page, "customer");
    }

    [Fact]
    public async Task ReadOnly_sees_the_customer_page_without_actions_or_audit_and_it_fits_a_phone()
    {
        var data = await SeedAsync();
        var quiet = await Portal.SeedCustomerAsync("Quiet Dentist");
        await Portal.CreateUserAsync("sales@msp.test", Roles.ReadOnly);
        var page = await SignInAsync("sales@msp.test", new ViewportSize { Width = 375, Height = 740 });

        await page.OpenAsync($"/customers/{data.CustomerId}");
        await Assertions.Expect(page.GetByTestId("customer-certificates")).ToContainTextAsync("failed.");
        await Assertions.Expect(page.GetByTestId("customer-bindings")).ToContainTextAsync("Failing firewall");
        await Assertions.Expect(page.GetByTestId("customer-attention")).ToContainTextAsync("renewal failed");
        await Assertions.Expect(page.GetByTestId("customer-acme-accounts")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("edit-customer")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("customer-audit")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("document.scrollingElement.scrollWidth <= window.innerWidth"),
            "The customer page scrolls sideways at 375 px.");
        await ChromiumFixture.ScreenshotAsync(page, "customer-phone");

        await page.OpenAsync($"/customers/{quiet.Id}");
        await Assertions.Expect(page.GetByTestId("customer-attention")).ToContainTextAsync("Nothing needs attention");
        await Assertions.Expect(page.GetByTestId("customer-certificates")).ToContainTextAsync("No certificates yet.");

        await page.OpenAsync($"/customers/{Guid.NewGuid()}");
        await Assertions.Expect(page.GetByTestId("customer-missing")).ToHaveTextAsync("No such customer.");
    }

    /// <summary>The worklist's seed, plus notes, an ACME account each, and a target and DNS provider for the other customer.</summary>
    private async Task<WatchData> SeedAsync()
    {
        var data = await WatchData.SeedAsync(Portal);
        var tag = data.CustomerName.Split(' ')[1];
        var test = Actor.CommandLine("test");
        await Portal.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<CustomerService>().UpdateAsync(data.CustomerId,
                new CustomerInput(data.CustomerName, "FortiGate 100F at HQ", ["it@contoso.test"]), test);
            await sp.GetRequiredService<DnsProviderService>().CreateAsync(new DnsProviderInput(data.OtherCustomerId, $"Other registrar {tag}", "manual", [], []), test);
            await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var now = Portal.Clock.GetUtcNow().UtcDateTime;
            db.Add(new Target { Id = Guid.NewGuid(), CustomerId = data.OtherCustomerId, Name = $"Other firewall {tag}", Type = "manual", CreatedAt = now, UpdatedAt = now,
                Settings = new() { ["checklist"] = JsonSerializer.SerializeToElement("Upload it") } });
            foreach (var (owner, name) in new[] { (data.CustomerId, $"Contoso LE {tag}"), (data.OtherCustomerId, $"Fabrikam LE {tag}") })
                db.Add(new AcmeRegistration { Id = Guid.NewGuid(), CustomerId = owner, Name = name, DirectoryUrl = "https://acme.test/directory",
                    Email = "pki@msp.test", SealedAccountKey = "unused", AccountUrl = $"https://acme.test/acct/{Guid.NewGuid():N}", CreatedAt = now });
            await db.SaveChangesAsync();
            return 0;
        });
        return data;
    }
}
