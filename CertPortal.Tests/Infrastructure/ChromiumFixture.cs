using Microsoft.Playwright;

namespace CertPortal.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright, for one test class. No browser is downloaded: a missing
/// /usr/bin/chromium fails the tests (run-tests.sh installs it).
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public IBrowser Browser { get; private set; } = default!;

    public static string ScreenshotFolder
    {
        get
        {
            var folder = Path.Combine(RepositoryRoot.Path, "CertPortal.Tests", "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await SharedChromium.BrowserAsync();
    }

    public async Task<IPage> NewPageAsync(string baseUrl, string timeZone = "Europe/Berlin", ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            TimezoneId = timeZone,
            ViewportSize = viewport ?? new ViewportSize { Width = 1366, Height = 900 },
            Locale = "en-GB",
        });
        // Generous: the first page of a cold portal on 2 busy cores (other test classes run alongside) can take a while.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in as <paramref name="email"/> (password <see cref="TestPasswords.Default"/>), on the overview.</summary>
    public Task<IPage> SignedInPageAsync(BrowserPortal portal, string email, ViewportSize? viewport = null, string timeZone = "Europe/Berlin",
        string password = TestPasswords.Default) =>
        SignedInPageAsync(portal.BaseUrl, email, viewport, timeZone, password);

    /// <summary>The same on the portal at <paramref name="baseUrl"/>, e.g. a <see cref="PortalProcess"/>.</summary>
    public async Task<IPage> SignedInPageAsync(string baseUrl, string email, ViewportSize? viewport = null, string timeZone = "Europe/Berlin",
        string password = TestPasswords.Default)
    {
        var page = await NewPageAsync(baseUrl, timeZone, viewport);
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=sign-in]");
        try
        {
            await page.WaitForURLAsync(baseUrl + "/");
        }
        catch (TimeoutException e)
        {
            // Seen once under load without a clue: say where the browser was left and what it showed.
            var shown = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(unreadable)");
            throw new TimeoutException($"Signing in as {email} did not reach the overview: the browser is at {page.Url}, showing: {shown[..Math.Min(shown.Length, 600)]}", e);
        }
        await page.GetByTestId("circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });

    // The browser is the run's (SharedChromium); a class's pages close with its contexts.
    public Task DisposeAsync() => Task.CompletedTask;
}
