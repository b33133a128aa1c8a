using Microsoft.Playwright;

namespace CertPortal.Tests.Users;

/// <summary>
/// Chromium's DevTools virtual authenticator: a platform authenticator (like a laptop's fingerprint reader) that
/// keeps discoverable credentials and verifies its user, so navigator.credentials works without a person.
/// </summary>
internal static class VirtualAuthenticator
{
    public static async Task<ICDPSession> AddAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return cdp;
    }
}
