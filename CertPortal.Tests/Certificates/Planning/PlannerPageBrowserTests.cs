using System.Text.RegularExpressions;
using CertPortal.Features.Certificates.Planning;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CertPortal.Tests.Certificates.Planning;

/// <summary>The renewal planner in Chromium, as sales staff (ReadOnly) see it: markers, a day opened, filters in the URL, phone width.</summary>
public sealed class PlannerPageBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task The_calendar_marks_limits_and_moved_renewals_and_a_day_opens_its_certificates_and_deployments()
    {
        await Portal.CreateUserAsync("sales@msp.test", Roles.ReadOnly);
        var contoso = await Portal.SeedCustomerAsync("Contoso");
        var fabrikam = await Portal.SeedCustomerAsync("Fabrikam");
        var letsEncrypt = await Portal.SeedAccountAsync(PlannerSeed.LetsEncrypt, contoso.Id, "Contoso LE");
        var unknown = await Portal.SeedAccountAsync(PlannerSeed.UnknownCa, fabrikam.Id, "Fabrikam CA");
        var (tooMany, sameNames) = (Portal.InWindow(days: 20), Portal.InWindow(days: 12));
        // 60 short-lived certificates of one domain on one day: no earlier day has room, so the day stays over the limit.
        await Portal.SeedCertificatesAsync(fabrikam.Id, unknown, 60, i => $"pos{i}.fabrikam.com", tooMany, TimeSpan.FromDays(21));
        // 7 certificates for the same names: Let's Encrypt allows 5 a week, the job moves 2 a week earlier.
        var same = await Portal.SeedCertificatesAsync(contoso.Id, letsEncrypt, 7, _ => "shop.contoso.com", sameNames, TimeSpan.FromDays(90));
        await Portal.SeedCertificatesAsync(contoso.Id, letsEncrypt, 2, i => $"ari{i}.contoso.com", Portal.InWindow(days: 3), TimeSpan.FromDays(90), ari: true);
        await Portal.SeedBindingAsync(contoso.Id, same[0], "HQ firewall", "Sat,Sun 02:00-04:00 UTC");
        var moved = await Portal.InScopeAsync(sp => sp.GetRequiredService<RenewalSpreading>().RunAsync(CancellationToken.None));
        Assert.Equal(2, moved.Count);
        var movedTo = DateOnly.FromDateTime(moved[0].To);

        var page = await SignInAsync("sales@msp.test");
        await page.GetByTestId("nav").GetByText("Renewal planner").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/planner$"));
        var calendar = page.GetByTestId("planner-calendar");
        await Assertions.Expect(calendar.GetByTestId("planner-day")).ToHaveCountAsync(60);
        var crowded = Day(page, DateOnly.FromDateTime(tooMany));
        await Assertions.Expect(crowded.GetByTestId("planner-day-exceeded")).ToBeVisibleAsync();
        await Assertions.Expect(crowded).ToContainTextAsync("Fabrikam CA 60");
        await Assertions.Expect(Day(page, DateOnly.FromDateTime(Portal.InWindow(days: 3))).GetByTestId("planner-day-ari")).ToHaveTextAsync("(2 ARI)");
        var movedDay = Day(page, movedTo);
        await Assertions.Expect(movedDay.GetByTestId("planner-day-moved")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("planner-limits-legend")).ToContainTextAsync("Let's Encrypt: 300 orders/account/3 h");
        // Nothing to act on: the only buttons on the page are the days (and the filters' own).
        await Assertions.Expect(page.Locator(".mud-main-content button:not(.cp-planner-cell):not(.mud-select button)")).ToHaveCountAsync(0);

        await movedDay.ClickAsync();
        var detail = page.GetByTestId("planner-detail");
        await Assertions.Expect(detail.GetByTestId("planner-renewal")).ToHaveCountAsync(2);
        await Assertions.Expect(detail.GetByTestId("planner-renewal-reason").First).ToContainTextAsync("allows 5 certificates for the same names in 7 days");
        await crowded.ClickAsync();
        await Assertions.Expect(detail.GetByTestId("planner-renewal")).ToHaveCountAsync(60);
        await Assertions.Expect(detail.GetByTestId("planner-limit").Filter(new() { HasText = "fabrikam.com" })).ToContainTextAsync("exceeded");
        await ChromiumFixture.ScreenshotAsync(page, "planner");

        // The deployment of the certificate that stayed waits for its weekend window.
        var deploymentDay = page.GetByTestId("planner-day").Filter(new() { HasText = "1 deployment" }).First;
        await deploymentDay.ClickAsync();
        await Assertions.Expect(detail.GetByTestId("planner-deployment")).ToContainTextAsync("HQ firewall");
        await Assertions.Expect(detail.GetByTestId("planner-deployment-window")).ToHaveTextAsync("Sat,Sun 02:00-04:00 UTC");

        // Filters live in the URL: a shared link shows the same calendar.
        await page.ChooseAsync("planner-customer-filter", "Contoso");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"customerId={contoso.Id}"));
        await Assertions.Expect(crowded.GetByTestId("planner-day-count")).ToHaveCountAsync(0);
        await page.OpenAsync($"/planner?acmeAccountId={unknown}");
        await Assertions.Expect(Day(page, DateOnly.FromDateTime(tooMany)).GetByTestId("planner-day-exceeded")).ToBeVisibleAsync();
        await Assertions.Expect(Day(page, movedTo).GetByTestId("planner-day-count")).ToHaveCountAsync(0);

        // Opening a day's certificate.
        await Day(page, DateOnly.FromDateTime(tooMany)).ClickAsync();
        await detail.GetByTestId("planner-renewal-link").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("certificate-title")).ToContainTextAsync("fabrikam.com");
    }

    [Fact]
    public async Task At_phone_width_the_calendar_is_a_list_of_the_busy_days()
    {
        await Portal.CreateUserAsync("phone@msp.test", Roles.Technician);
        var customer = await Portal.SeedCustomerAsync("Phone Co");
        var account = await Portal.SeedAccountAsync(PlannerSeed.LetsEncrypt, customer.Id, "Phone LE");
        await Portal.SeedCertificatesAsync(customer.Id, account, 3, i => $"m{i}.phone.test", Portal.InWindow(days: 4), TimeSpan.FromDays(90));
        await Portal.SeedCertificatesAsync(customer.Id, account, 1, _ => "late.phone.test", Portal.InWindow(days: 40), TimeSpan.FromDays(90));

        var page = await SignInAsync("phone@msp.test", new ViewportSize { Width = 375, Height = 812 });
        await page.OpenAsync("/planner");

        await Assertions.Expect(page.GetByTestId("planner-calendar")).ToBeHiddenAsync();
        var list = page.GetByTestId("planner-list");
        await Assertions.Expect(list).ToBeVisibleAsync();
        await Assertions.Expect(list.GetByTestId("planner-list-day")).ToHaveCountAsync(2);
        await Assertions.Expect(list.GetByTestId("planner-list-day").First).ToContainTextAsync("Phone LE 3");
        await list.GetByTestId("planner-list-day").Last.ClickAsync();
        await Assertions.Expect(page.GetByTestId("planner-detail").GetByTestId("planner-renewal")).ToContainTextAsync("late.phone.test");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at phone width");
        await ChromiumFixture.ScreenshotAsync(page, "planner-phone");
    }

    private static ILocator Day(IPage page, DateOnly date) => page.Locator($"[data-testid=planner-day][data-date='{date:yyyy-MM-dd}']");
}
