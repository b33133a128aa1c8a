using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Browser;

/// <summary>On a fresh portal every list says what to do first (to those who may do it), and a filter that finds nothing says so.</summary>
public sealed class EmptyListsBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task Each_empty_list_tells_a_technician_what_to_do_and_a_filter_that_finds_nothing_says_so()
    {
        await Portal.CreateUserAsync("first-day@msp.test", Roles.Technician);
        var page = await SignInAsync("first-day@msp.test");

        (string Path, string Says)[] lists =
        [
            ("/customers", "No customers yet: add the first one (New customer); everything else belongs to a customer."),
            ("/certificates", "No certificates yet: request one or import one."),
            ("/dns-providers", "No DNS providers yet: add the DNS service of a customer's domains, so certificates can prove their names (DNS-01)."),
            ("/targets", "No targets yet: add a firewall, server or other device the certificates go to, and test it."),
            ("/deployments", "No bindings yet: bind a certificate to a target from the certificate's page."),
            ("/client-certs", "No client certificates yet: issue one from a CA (New client certificate), or many from a CSV."),
            ("/notifications", "No notifications yet: each alert mail and channel post shows here once an alert is raised."),
        ];
        foreach (var (path, says) in lists)
        {
            await page.OpenAsync(path);
            await Assertions.Expect(page.GetByTestId("empty-list")).ToHaveTextAsync(says);
        }
        await ChromiumFixture.ScreenshotAsync(page, "empty-notifications");

        await page.OpenAsync("/certificates?status=failed");
        await Assertions.Expect(page.GetByTestId("empty-list")).ToHaveTextAsync("No certificates match these filters.");
    }

    [Fact]
    public async Task The_menu_follows_the_order_of_the_work()
    {
        await Portal.CreateUserAsync("menu@msp.test", Roles.Technician);
        var page = await SignInAsync("menu@msp.test");

        var entries = (await page.GetByTestId("nav").Locator(".mud-nav-link-text").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();

        Assert.Equal(["Dashboard", "Customers", "DNS providers", "ACME accounts", "Certificate authorities", "ACME server", "Certificates", "Targets",
            "Deployments", "Trust", "Discovery", "Endpoints", "Client certificates", "Renewal planner", "Notifications", "Reports", "Audit log", "API reference"], entries);
    }

    [Fact]
    public async Task An_admin_sees_the_administration_group_where_its_entries_are_ordered_and_a_readonly_person_does_not()
    {
        await Portal.CreateUserAsync("menu-admin@msp.test", Roles.Admin);
        await Portal.CreateUserAsync("menu-reader@msp.test", Roles.ReadOnly);
        var admin = await SignInAsync("menu-admin@msp.test");

        var nav = admin.GetByTestId("nav");
        await Assertions.Expect(nav.GetByText("Administration")).ToBeVisibleAsync();
        var entries = (await nav.Locator(".mud-nav-link-text").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        // The group sits where its first entry is ordered: after the audit log, before the API reference.
        Assert.Equal(["Dashboard", "Customers", "DNS providers", "ACME accounts", "Certificate authorities", "ACME server", "Certificates", "Targets",
            "Deployments", "Trust", "Discovery", "Endpoints", "Client certificates", "Renewal planner", "Notifications", "Reports", "Audit log", "Administration", "Users", "API tokens", "Settings", "Notification channels",
            "API reference"], entries);
        await Assertions.Expect(nav.Locator("a", new() { HasText = "API reference" })).ToHaveAttributeAsync("target", "_blank");

        var reader = await SignInAsync("menu-reader@msp.test");
        await Assertions.Expect(reader.GetByTestId("nav").GetByText("Certificates", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(reader.GetByTestId("nav").GetByText("Administration")).ToHaveCountAsync(0);
        await Assertions.Expect(reader.GetByTestId("nav").GetByText("Users", new() { Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_readonly_person_is_told_a_list_is_empty_but_not_asked_to_fill_it()
    {
        await Portal.CreateUserAsync("looker@msp.test", Roles.ReadOnly);
        var page = await SignInAsync("looker@msp.test");

        await page.OpenAsync("/certificates");
        await Assertions.Expect(page.GetByTestId("empty-list")).ToHaveTextAsync("No certificates yet.");
        await page.OpenAsync("/targets");
        await Assertions.Expect(page.GetByTestId("empty-list")).ToHaveTextAsync("No targets yet.");
    }
}
