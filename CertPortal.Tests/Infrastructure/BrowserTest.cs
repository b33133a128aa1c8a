using Microsoft.Playwright;

namespace CertPortal.Tests.Infrastructure;

/// <summary>A browser test: its own portal on a Kestrel port, and the shared Chromium.</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(ChromiumFixture chromium) : IDisposable
{
    protected ChromiumFixture Chromium { get; } = chromium;

    protected BrowserPortal Portal { get; } = new();

    protected Task<IPage> SignInAsync(string email, ViewportSize? viewport = null, string timeZone = "Europe/Berlin", string password = TestPasswords.Default) =>
        Chromium.SignedInPageAsync(Portal, email, viewport, timeZone, password);

    public void Dispose()
    {
        Portal.Dispose();
        GC.SuppressFinalize(this);
    }
}
