using System.Net;
using CertPortal.Features.Users;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Users;

public sealed class SignInTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_signed_in_user_reaches_the_pages_an_anonymous_one_is_sent_to_sign_in()
    {
        await portal.CreateUserAsync("tech@msp.test", Roles.Technician);
        var anonymous = await portal.BrowserLikeClient().GetAsync("/customers");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.ToString());

        var client = portal.BrowserLikeClient();
        await client.SignInAsync("tech@msp.test", TestPasswords.Default);
        var page = await client.GetAsync("/customers");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Customers", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await portal.CreateUserAsync("careless@msp.test", Roles.Technician);
        var client = portal.BrowserLikeClient();
        for (var attempt = 1; attempt <= 4; attempt++)
            Assert.Equal("Wrong email or password.", FormSignIn.ErrorOf((await client.PostSignInAsync("careless@msp.test", "wrong password " + attempt)).Body));
        var fifth = await client.PostSignInAsync("careless@msp.test", "wrong password 5");
        Assert.Contains("locked", FormSignIn.ErrorOf(fifth.Body));

        var right = await client.PostSignInAsync("careless@msp.test", TestPasswords.Default);
        Assert.Equal(HttpStatusCode.OK, right.Response.StatusCode);
        Assert.Contains("locked for 15 minutes", FormSignIn.ErrorOf(right.Body));
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in()
    {
        var user = await portal.CreateUserAsync("leaver@msp.test", Roles.Technician);
        await portal.InScopeAsync(sp => sp.GetRequiredService<UserService>().SetDisabledAsync(user.Id, true, "admin@msp.test"));
        var (response, body) = await portal.BrowserLikeClient().PostSignInAsync("leaver@msp.test", TestPasswords.Default);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("This account is disabled. Ask an administrator.", FormSignIn.ErrorOf(body));
    }

    [Fact]
    public async Task A_role_change_ends_the_session_within_a_minute()
    {
        var user = await portal.CreateUserAsync("promoted@msp.test", Roles.Admin);
        await portal.CreateUserAsync("other-admin@msp.test", Roles.Admin);
        var client = portal.BrowserLikeClient();
        await client.SignInAsync("promoted@msp.test", TestPasswords.Default);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/users")).StatusCode);

        await portal.InScopeAsync(sp => sp.GetRequiredService<UserService>().ChangeRoleAsync(user.Id, "readonly"));
        portal.Clock.Advance(TimeSpan.FromSeconds(61));

        var after = await client.GetAsync("/users");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location!.ToString());

        await client.SignInAsync("promoted@msp.test", TestPasswords.Default);
        var denied = await client.GetAsync("/users");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/Account/AccessDenied", denied.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(denied.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_demoted_or_disabled()
    {
        await using var fresh = new PortalFactory();
        var admin = await fresh.CreateUserAsync("only-admin@msp.test", Roles.Admin);
        var demote = await fresh.InScopeAsync(sp => sp.GetRequiredService<UserService>().ChangeRoleAsync(admin.Id, "technician"));
        Assert.Contains("last active admin", demote.Message);
        var disable = await fresh.InScopeAsync(sp => sp.GetRequiredService<UserService>().SetDisabledAsync(admin.Id, true, "someone-else@msp.test"));
        Assert.Contains("last active admin", disable.Message);
    }
}
