using System.Net;
using CertPortal.Features.Settings;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Users;

/// <summary>The sign-in cookie ends after the idle timeout from the security settings, and slides while it is used.</summary>
public sealed class IdleTimeoutTests
{
    [Fact]
    public async Task A_session_slides_while_used_and_ends_after_the_idle_timeout()
    {
        await using var portal = new PortalFactory();
        await portal.CreateUserAsync("idle@msp.test", Roles.Technician);
        await portal.InScopeAsync(sp => sp.GetRequiredService<SettingsService>().SaveSecurityAsync(new SecuritySettingsInput(null, 15)));
        var client = portal.BrowserLikeClient();
        await client.SignInAsync("idle@msp.test", TestPasswords.Default);

        // Used every ten minutes for forty minutes: each request in the second half renews the fifteen minutes.
        for (var i = 0; i < 4; i++)
        {
            portal.Clock.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers")).StatusCode);
        }

        portal.Clock.Advance(TimeSpan.FromMinutes(16));
        var idle = await client.GetAsync("/customers");
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.Contains("/Account/Login", idle.Headers.Location!.ToString());
    }
}
