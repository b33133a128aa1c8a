using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Security;
using CertPortal.Tests.Acme;
using CertPortal.Tests.Certificates.Planning;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Certificates;

/// <summary>
/// ACME profiles in Chromium: the request dialog offers the account's CA's profiles (and hides the choice for a CA
/// with none), the certificate page shows the one chosen; the dashboard counts short-lived renewals at their cadence.
/// </summary>
public sealed class ProfileBrowserTests(ChromiumFixture chromium, PebbleOnBindFixture peers) : BrowserTest(chromium), IClassFixture<PebbleOnBindFixture>
{
    [Fact]
    public async Task The_request_dialog_offers_the_cas_profiles_and_the_certificate_page_shows_the_one_chosen()
    {
        await using var ca = await AriDirectorySimulator.StartAsync(peers.Pebble);
        ca.OfferProfiles(new Dictionary<string, string> { ["classic"] = "The usual 90-day certificate", ["shortlived"] = "About 6 days" });
        await Portal.CreateUserAsync("profiles@msp.test", Roles.Technician);
        var withProfiles = await IssuanceSetup.CreateAsync(Portal, peers, directoryUrl: ca.DirectoryUrl);
        var without = await IssuanceSetup.CreateAsync(Portal, peers);
        var page = await SignInAsync("profiles@msp.test");

        await page.OpenAsync("/certificates");
        await page.GetByTestId("request-certificate").ClickAsync();
        await page.ChooseAsync("request-customer", await CustomerNameAsync(without));
        await Assertions.Expect(page.GetByTestId("request-account")).ToHaveTextAsync("Pebble");
        await Assertions.Expect(page.GetByTestId("request-profile")).ToHaveCountAsync(0);

        await page.ChooseAsync("request-customer", await CustomerNameAsync(withProfiles));
        await Assertions.Expect(page.GetByTestId("request-profile")).ToHaveValueAsync("CA's default");
        await page.GetByTestId("request-profile").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveTextAsync(["CA's default", "classic: The usual 90-day certificate", "shortlived: About 6 days"]);
        await page.Keyboard.PressAsync("Escape");
        await page.Field("request-cn").FillAsync("short.example.test");
        await page.ChooseAsync("request-profile", "shortlived: About 6 days", exact: false);
        await ChromiumFixture.ScreenshotAsync(page, "request-profile");
        await page.GetByTestId("submit-request").ClickAsync();

        await Assertions.Expect(page.GetByTestId("certificate-title")).ToHaveTextAsync("short.example.test");
        await Assertions.Expect(page.GetByTestId("certificate-profile")).ToHaveTextAsync("shortlived");
        await Assertions.Expect(page.GetByTestId("run-step-name").Filter(new() { HasText = "Stored" })).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("run-step").First).ToContainTextAsync("profile shortlived");
        Assert.Equal(["shortlived"], ca.OrderedProfiles);
        await ChromiumFixture.ScreenshotAsync(page, "certificate-profile");
    }

    [Fact]
    public async Task The_certificates_tile_counts_renewals_of_the_next_30_days_at_each_cadence_and_opens_the_planner()
    {
        var customer = await Portal.SeedCustomerAsync();
        var account = await Portal.SeedAccountAsync(PlannerSeed.UnknownCa, customer.Id);
        // Every 3 days from tomorrow: 10 renewals before the 30th day; the 90-day one renews once.
        await Portal.SeedCertificatesAsync(customer.Id, account, 1, _ => "shortlived.example.com", Portal.InWindow(days: 1), TimeSpan.FromDays(6), leftAtRenewal: TimeSpan.FromDays(3));
        await Portal.SeedCertificatesAsync(customer.Id, account, 1, _ => "classic.example.com", Portal.InWindow(days: 20), TimeSpan.FromDays(90));
        await Portal.CreateUserAsync("tile@msp.test", Roles.ReadOnly);
        var page = await SignInAsync("tile@msp.test");

        await Assertions.Expect(page.GetByTestId("count-certificates-renewals-30-value")).ToHaveTextAsync("11");
        await Assertions.Expect(page.GetByTestId("count-certificates-renewals-30")).ToContainTextAsync("renewals in the next 30 days");
        await ChromiumFixture.ScreenshotAsync(page, "dashboard-renewals");
        await page.GetByTestId("count-certificates-renewals-30").ClickAsync();
        await page.WaitForURLAsync(Portal.BaseUrl + "/planner");
    }

    private static async Task<string> CustomerNameAsync(IssuanceSetup setup) =>
        (await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{setup.CustomerId}")).GetProperty("name").GetString()!;
}
