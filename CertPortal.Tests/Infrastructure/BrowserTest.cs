using Microsoft.Playwright;

namespace CertPortal.Tests.Infrastructure;

/// <summary>
/// A browser test: its own portal on a Kestrel port, and pages of the run's one Chromium. Each class is its own
/// collection, so browser classes run beside each other and beside the rest.
/// </summary>
public abstract class BrowserTest(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected ChromiumFixture Chromium { get; } = chromium;

    protected BrowserPortal Portal { get; } = new();

    protected async Task<IPage> SignInAsync(string email, ViewportSize? viewport = null, string timeZone = "Europe/Berlin", string password = TestPasswords.Default) =>
        Track(await Chromium.SignedInPageAsync(Portal, email, viewport, timeZone, password));

    protected async Task<IPage> NewPageAsync(string timeZone = "Europe/Berlin") => Track(await Chromium.NewPageAsync(Portal.BaseUrl, timeZone));

    private IPage Track(IPage page)
    {
        _contexts.Add(page.Context);
        return page;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // Pages close before the portal stops, so no live circuit sees its services disposed under it.
    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
            await context.CloseAsync();
        await Portal.DisposeAsync();
    }
}
