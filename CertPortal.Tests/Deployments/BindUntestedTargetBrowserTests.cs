using System.Net;
using System.Net.Http.Json;
using CertPortal.Data;
using CertPortal.Features.Targets;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Notifications.Detection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CertPortal.Tests.Deployments;

/// <summary>Binding a certificate to a target whose Test never passed warns (and still binds); a tested target does not.</summary>
public sealed class BindUntestedTargetBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task The_bind_dialog_warns_for_a_target_never_tested_and_not_for_a_tested_one_and_the_target_list_says_which()
    {
        await Portal.CreateUserAsync("binder@msp.test", Roles.Technician);
        var customer = await Portal.SeedCustomerAsync();
        var certificateId = await Portal.ImportExpiringAsync(customer.Id, "bind.contoso.test", Portal.Clock.GetUtcNow().UtcDateTime.AddDays(200));
        var api = Portal.ApiClient(await Portal.CreateTokenAsync("admin"));
        var fresh = await CreateTargetAsync(api, customer.Id, "Fresh hook");
        var proven = await CreateTargetAsync(api, customer.Id, "Proven hook");
        var passedAt = Portal.Clock.GetUtcNow().UtcDateTime.AddHours(-2);
        await Portal.InScopeAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            return await db.Set<Target>().Where(t => t.Id == proven).ExecuteUpdateAsync(s => s.SetProperty(t => t.TestPassedAt, passedAt));
        });

        var page = await SignInAsync("binder@msp.test");
        await page.OpenAsync($"/certificates/{certificateId}");
        await page.GetByTestId("bind-target").ClickAsync();
        await page.ChooseAsync("bind-target-select", "Fresh hook (webhook)");
        var warning = page.GetByTestId("bind-untested-warning");
        await Assertions.Expect(warning).ToContainTextAsync("'Fresh hook' has not passed its Test since it was last changed");
        await Assertions.Expect(page.GetByTestId("bind-untested-link")).ToHaveAttributeAsync("href", "targets");
        await Assertions.Expect(page.GetByTestId("save-binding")).ToBeEnabledAsync();
        await ChromiumFixture.ScreenshotAsync(page, "bind-untested-target");

        await page.ChooseAsync("bind-target-select", "Proven hook (webhook)");
        await Assertions.Expect(warning).ToHaveCountAsync(0);
        await page.GetByTestId("save-binding").ClickAsync();
        await Assertions.Expect(page.GetByTestId("deployment-row")).ToContainTextAsync("Proven hook");

        // Binding an untested target is still allowed.
        await page.GetByTestId("bind-target").ClickAsync();
        await page.ChooseAsync("bind-target-select", "Fresh hook (webhook)");
        await Assertions.Expect(warning).ToBeVisibleAsync();
        await page.GetByTestId("save-binding").ClickAsync();
        await Assertions.Expect(page.GetByTestId("deployment-row")).ToHaveCountAsync(2);

        await page.OpenAsync("/targets");
        var grid = page.GetByTestId("target-grid");
        await Assertions.Expect(grid.Locator("tr", new() { HasText = "Fresh hook" }).GetByTestId("target-tested")).ToHaveTextAsync("Never tested");
        // The browser shows local time (Europe/Berlin in these tests).
        var local = TimeZoneInfo.ConvertTimeFromUtc(passedAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        await Assertions.Expect(grid.Locator("tr", new() { HasText = "Proven hook" }).GetByTestId("target-tested")).ToHaveTextAsync($"Tested {local:yyyy-MM-dd HH:mm}");

        // A bound target is not deleted; the page says which certificate is bound.
        await grid.Locator("tr", new() { HasText = "Proven hook" }).GetByTestId("delete-target").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("'Proven hook' is still used by the binding of certificate bind.contoso.test");
        await Assertions.Expect(grid).ToContainTextAsync("Proven hook");
    }

    private static async Task<Guid> CreateTargetAsync(HttpClient api, Guid customerId, string name) =>
        Guid.Parse((await (await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId, name, type = "webhook", settings = new { url = "https://hook.contoso.test/cert" }, secrets = new { hmacSecret = "s" },
        })).JsonAsync(HttpStatusCode.Created)).Str("id")!);
}
