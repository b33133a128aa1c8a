using System.Net;
using CertPortal.Features.Users;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Users;

public sealed class SetupLinkTests
{
    [Fact]
    public async Task Only_the_printed_token_opens_the_setup_form()
    {
        await using var portal = new PortalFactory();
        var client = portal.BrowserLikeClient();
        var wrong = await client.GetStringAsync("/setup?token=guessed");
        Assert.Contains("setup-bad-token", wrong);
        Assert.DoesNotContain("create-admin", wrong);
        var login = await client.GetStringAsync("/Account/Login");
        Assert.Contains("setup-pending", login);
    }

    [Fact]
    public async Task Bootstrap_settings_create_the_admin_and_no_setup_link_is_issued()
    {
        await using var portal = new PortalFactory();
        portal.Settings["CertPortal:Bootstrap:AdminEmail"] = "boot@msp.test";
        portal.Settings["CertPortal:Bootstrap:AdminPassword"] = TestPasswords.Default;
        var client = portal.BrowserLikeClient();
        await client.SignInAsync("boot@msp.test", TestPasswords.Default);
        Assert.False(portal.Service<SetupToken>().IsActive);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/users")).StatusCode);
    }
}
