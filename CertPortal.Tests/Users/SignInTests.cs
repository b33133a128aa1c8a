using System.Net;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.Users;
using CertPortal.Features.Users.Account;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
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
        for (var attempt = 1; attempt <= 5; attempt++)
            Assert.Equal(Login.Refused, FormSignIn.ErrorOf((await client.PostSignInAsync("careless@msp.test", "wrong password " + attempt)).Body));

        var right = await client.PostSignInAsync("careless@msp.test", TestPasswords.Default);
        Assert.Equal(HttpStatusCode.OK, right.Response.StatusCode);
        Assert.Equal(Login.Refused, FormSignIn.ErrorOf(right.Body));
        var audit = await AuditSummariesAsync("user.sign-in");
        Assert.Contains("Refused sign-in of locked-out user careless@msp.test.", audit);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in()
    {
        var user = await portal.CreateUserAsync("leaver@msp.test", Roles.Technician);
        await portal.InScopeAsync(sp => sp.GetRequiredService<UserService>().SetDisabledAsync(user.Id, true, "admin@msp.test"));
        var (response, body) = await portal.BrowserLikeClient().PostSignInAsync("leaver@msp.test", TestPasswords.Default);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Login.Refused, FormSignIn.ErrorOf(body));
    }

    [Fact]
    public async Task Every_refused_sign_in_says_the_same_so_the_form_tells_nothing_about_the_account()
    {
        var disabled = await portal.CreateUserAsync("gone@msp.test", Roles.Technician);
        await portal.InScopeAsync(sp => sp.GetRequiredService<UserService>().SetDisabledAsync(disabled.Id, true, "admin@msp.test"));
        await portal.CreateUserAsync("known@msp.test", Roles.Technician);
        var client = portal.BrowserLikeClient();

        var messages = new Dictionary<string, string?>
        {
            ["unknown user"] = FormSignIn.ErrorOf((await client.PostSignInAsync("nobody-here@msp.test", TestPasswords.Default)).Body),
            ["wrong password"] = FormSignIn.ErrorOf((await client.PostSignInAsync("known@msp.test", "not the password")).Body),
            ["disabled, right password"] = FormSignIn.ErrorOf((await client.PostSignInAsync("gone@msp.test", TestPasswords.Default)).Body),
            ["disabled, wrong password"] = FormSignIn.ErrorOf((await client.PostSignInAsync("gone@msp.test", "not the password")).Body),
        };

        Assert.All(messages, m => Assert.True(m.Value == Login.Refused, $"{m.Key}: {m.Value}"));
    }

    [Fact]
    public async Task A_session_cookie_replayed_after_sign_out_is_refused()
    {
        await portal.CreateUserAsync("leaving@msp.test", Roles.Technician);
        var cookies = new CookieContainerHandler();
        var client = portal.CreateDefaultClient(portal.ClientBaseAddress, cookies);
        await client.SignInAsync("leaving@msp.test", TestPasswords.Default);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers")).StatusCode);
        var captured = cookies.Container.GetCookieHeader(portal.ClientBaseAddress);
        Assert.Contains("CertPortal.Auth", captured);

        var form = await client.GetStringAsync("/Account/ChangePassword");
        var signOut = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormSignIn.Antiforgery(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var replay = portal.CreateDefaultClient(portal.ClientBaseAddress);
        replay.DefaultRequestHeaders.Add("Cookie", captured);
        var page = await replay.GetAsync("/customers");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location!.ToString());
    }

    private Task<List<string>> AuditSummariesAsync(string action) =>
        portal.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<AuditEntry>()
            .Where(e => e.Action == action).Select(e => e.Summary).ToListAsync());

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
