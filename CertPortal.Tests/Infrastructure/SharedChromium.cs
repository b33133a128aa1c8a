using Microsoft.Playwright;

namespace CertPortal.Tests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole test run. Browser test classes run in parallel (each its own collection), and a
/// browser per class would cost a launch and a few hundred MB each; contexts keep the classes apart instead. It closes
/// when the test host exits.
/// </summary>
public static class SharedChromium
{
    private static readonly Lazy<Task<Launched>> Instance = new(LaunchAsync);

    public static async Task<IBrowser> BrowserAsync() => (await Instance.Value).Browser;

    private static async Task<Launched> LaunchAsync()
    {
        if (!File.Exists(ChromiumFixture.ExecutablePath))
            throw new InvalidOperationException($"{ChromiumFixture.ExecutablePath} is missing: install Debian's chromium (CertPortal.Tests/run-tests.sh does).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFixture.ExecutablePath,
            Headless = true,
            // The machine has no network: without these Chromium keeps trying to reach Google's services.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        var launched = new Launched(playwright, browser);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => launched.Close();
        return launched;
    }

    private sealed record Launched(IPlaywright Playwright, IBrowser Browser)
    {
        public void Close()
        {
            // Bounded: a test host that is exiting must not hang on a browser that no longer answers.
            Browser.CloseAsync().Wait(TimeSpan.FromSeconds(10));
            Playwright.Dispose();
        }
    }
}
