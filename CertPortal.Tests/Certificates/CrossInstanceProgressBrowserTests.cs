using System.Net;
using CertPortal.Data;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CertPortal.Tests.Certificates;

/// <summary>
/// Two real portal processes on one PostgreSQL database, as behind a sticky proxy: a certificate page open on one
/// instance shows, live, the run another instance executes.
/// </summary>
public sealed class CrossInstanceProgressBrowserTests(ChromiumFixture chromium, PebbleOnBindFixture peers) : IClassFixture<ChromiumFixture>, IClassFixture<PebbleOnBindFixture>
{
    private const string Admin = "instances@msp.test";
    private const string CommonName = "instances.example.test";

    [Fact]
    public async Task A_certificate_page_on_one_instance_shows_the_steps_and_outcome_of_a_renewal_another_instance_runs()
    {
        var environment = new Dictionary<string, string>
        {
            ["CertPortal__Database__Provider"] = "postgres",
            ["ConnectionStrings__Default"] = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync(),
            ["CERTPORTAL_MASTER_KEY"] = MasterKey.Generate().ToBase64(),
        };
        using var dataA = new TempFolder("certportal-instance-a");
        using var dataB = new TempFolder("certportal-instance-b");
        using var a = await PortalProcess.StartAsync(dataA.Path, Admin, environment);
        using var b = await PortalProcess.StartAsync(dataB.Path, Admin, environment);

        // The certificate is asked for, and later renewed, through B's API; B's in-memory queue runs both orders.
        var setup = await IssuanceSetup.CreateAsync(b, peers);
        var id = await setup.RequestAsync(CommonName);
        await setup.WaitForStatusAsync(id, "valid");

        // The same page open on both instances: whichever instance runs the renewal (today B, which is asked; a shared
        // queue may hand it to either), the page on the other one can only follow it through the relay.
        var pages = new[] { await OpenCertificateAsync(a, id), await OpenCertificateAsync(b, id) };
        var renewal = await setup.Api.PostAsync($"/api/v1/certificates/{id}/renew", null);
        Assert.True(renewal.StatusCode == HttpStatusCode.Accepted, await renewal.Content.ReadAsStringAsync());

        try
        {
            await Task.WhenAll(pages.Select(FollowRenewalAsync));
        }
        finally
        {
            await ChromiumFixture.ScreenshotAsync(pages[0], "cross-instance-progress-a");
            await ChromiumFixture.ScreenshotAsync(pages[1], "cross-instance-progress-b");
        }
        foreach (var page in pages)
        {
            Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "The page was loaded again; it should have updated in place.");
            Assert.Equal(["valid", "renewing", "valid"], await page.EvaluateAsync<string[]>("() => window.shownStatuses"));
        }
        await Task.WhenAll(pages.Select(p => p.Context.CloseAsync()));
    }

    private async Task<IPage> OpenCertificateAsync(PortalProcess portal, string id)
    {
        var page = await chromium.SignedInPageAsync(portal.BaseUrl, Admin);
        await page.OpenAsync($"/certificates/{id}");
        await Assertions.Expect(page.GetByTestId("certificate-title")).ToHaveTextAsync(CommonName);
        await Assertions.Expect(page.Locator("[data-testid=certificate-status]").First).ToHaveTextAsync("valid");
        await Assertions.Expect(page.GetByTestId("issuance-run")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("certificate-version")).ToHaveCountAsync(1);
        // Gone if the page is loaded again: what it shows next must come over its live connection. Every status the
        // page shows is noted as it changes, so one shown only for a moment (a fast renewal) is not missed.
        await page.EvaluateAsync("""
            () => {
                window.notReloaded = true;
                window.shownStatuses = [];
                const note = () => {
                    const status = document.querySelector('[data-testid=certificate-status]')?.textContent.trim();
                    if (status && window.shownStatuses[window.shownStatuses.length - 1] !== status)
                        window.shownStatuses.push(status);
                };
                note();
                new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
            }
            """);
        return page;
    }

    /// <summary>The renewal's run appears with its steps, and the certificate is valid again with a new version.</summary>
    private static async Task FollowRenewalAsync(IPage page)
    {
        var live = new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 };
        await Assertions.Expect(page.GetByTestId("issuance-run")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        var renewal = page.GetByTestId("issuance-run").First;
        await Assertions.Expect(renewal).ToContainTextAsync("Renewal");
        await Assertions.Expect(renewal.GetByTestId("run-step-name").Filter(new() { HasText = "Order created" })).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Assertions.Expect(renewal.GetByTestId("run-step-name").Filter(new() { HasText = "Stored" })).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Assertions.Expect(renewal.GetByTestId("run-status")).ToHaveTextAsync("succeeded", live);
        await Assertions.Expect(page.Locator("[data-testid=certificate-status]").First).ToHaveTextAsync("valid", live);
        await Assertions.Expect(page.GetByTestId("certificate-version")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
    }
}
