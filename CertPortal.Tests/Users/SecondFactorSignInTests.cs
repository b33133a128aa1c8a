using System.Net;
using CertPortal.Features.Settings;
using CertPortal.Features.Users;
using CertPortal.Features.Users.SecondFactor;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Users;

/// <summary>The authenticator app as the second step of sign-in, recovery codes, an admin's reset, and a required second factor.</summary>
public sealed class SecondFactorSignInTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_authenticator_code_computed_from_the_key_is_the_second_step_of_sign_in()
    {
        await portal.CreateUserAsync("totp@msp.test", Roles.Technician);
        var codes = await EnableAuthenticatorAsync(portal, "totp@msp.test");
        Assert.Equal(10, codes.Count);
        var key = (await portal.AuthenticatorKeyAsync("totp@msp.test"))!;

        var client = portal.BrowserLikeClient();
        var (wrong, wrongBody) = await client.SignInWithCodeAsync("totp@msp.test", "000000" == SecondFactorForms.CodeNow(key) ? "111111" : "000000");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("Wrong code.", FormSignIn.ErrorOf(wrongBody));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/customers")).StatusCode);

        var (right, _) = await client.PostFormAsync(wrong.RequestMessage!.RequestUri!.PathAndQuery, "second-step", new() { ["Input.Code"] = SecondFactorForms.CodeNow(key) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers")).StatusCode);
        var described = await portal.InScopeAsync(async sp =>
            await sp.GetRequiredService<SecondFactorStatus>().DescribeAsync((await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync("totp@msp.test"))!));
        Assert.Equal(("totp", 0), described);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_is_audited()
    {
        await portal.CreateUserAsync("lost-phone@msp.test", Roles.Technician);
        var codes = await EnableAuthenticatorAsync(portal, "lost-phone@msp.test");

        var (first, _) = await portal.BrowserLikeClient().SignInWithCodeAsync("lost-phone@msp.test", codes[0]);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var (again, body) = await portal.BrowserLikeClient().SignInWithCodeAsync("lost-phone@msp.test", codes[0]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Wrong code.", FormSignIn.ErrorOf(body));

        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var audit = await (await admin.GetAsync("/api/v1/audit?action=user.recovery-code&pageSize=1")).JsonAsync();
        Assert.Contains("lost-phone@msp.test used a recovery code (9 left)", audit.Items()[0].Str("summary"));
    }

    [Fact]
    public async Task An_admins_reset_clears_the_second_factor_so_the_password_alone_signs_in_again()
    {
        var user = await portal.CreateUserAsync("reset-me@msp.test", Roles.Technician);
        await EnableAuthenticatorAsync(portal, "reset-me@msp.test");
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        Assert.Equal("totp", (await (await admin.GetAsync($"/api/v1/users/{user.Id}")).JsonAsync()).Str("twoFactor"));

        var reset = await portal.InScopeAsync(sp => sp.GetRequiredService<SecondFactorReset>().ResetAsync(user.Id));
        Assert.True(reset.IsOk, reset.Message);
        var described = await (await admin.GetAsync($"/api/v1/users/{user.Id}")).JsonAsync();
        Assert.Equal(("none", 0), (described.Str("twoFactor"), described.GetProperty("passkeys").GetInt32()));

        var (signIn, _) = await portal.BrowserLikeClient().PostSignInAsync("reset-me@msp.test", TestPasswords.Default);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("LoginWith2fa", signIn.Headers.Location!.ToString());
        var audit = (await (await admin.GetAsync("/api/v1/audit?action=user.second-factor.reset&pageSize=1")).JsonAsync()).Items()[0];
        Assert.Contains("reset-me@msp.test", audit.Str("summary"));
        Assert.Equal("success", audit.Str("outcome"));
    }

    [Fact]
    public async Task A_required_second_factor_leads_to_enrolment_and_nothing_else_until_enrolled()
    {
        await using var fresh = new PortalFactory();
        await fresh.CreateUserAsync("boss@msp.test", Roles.Admin);
        await fresh.CreateUserAsync("tech@msp.test", Roles.Technician);
        await fresh.InScopeAsync(sp => sp.GetRequiredService<SettingsService>().SaveSecurityAsync(new SecuritySettingsInput(SecuritySettings.Admins, null)));

        var tech = fresh.BrowserLikeClient();
        await tech.SignInAsync("tech@msp.test", TestPasswords.Default);
        Assert.Equal(HttpStatusCode.OK, (await tech.GetAsync("/customers")).StatusCode);

        var boss = fresh.BrowserLikeClient();
        await boss.SignInAsync("boss@msp.test", TestPasswords.Default);
        foreach (var page in new[] { "/", "/customers", "/users" })
        {
            var response = await boss.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Account/Security", response.Headers.Location!.ToString());
        }
        Assert.Contains("data-testid=\"enrol-required\"", await boss.GetStringAsync("/Account/Security"));

        var key = (await fresh.AuthenticatorKeyAsync("boss@msp.test"))!;
        var (enabled, body) = await boss.PostFormAsync("/Account/Security", "authenticator-on", new() { ["AuthenticatorCode"] = SecondFactorForms.CodeNow(key) });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(10, body.Split("data-testid=\"recovery-code\"").Length - 1);
        Assert.Equal(HttpStatusCode.OK, (await boss.GetAsync("/users")).StatusCode);
    }

    private static Task<IReadOnlyList<string>> EnableAuthenticatorAsync(PortalFactory portal, string email) =>
        portal.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            var authenticator = sp.GetRequiredService<AuthenticatorService>();
            await authenticator.SetupAsync(user);
            var result = await authenticator.EnableAsync(user, SecondFactorForms.CodeNow((await users.GetAuthenticatorKeyAsync(user))!));
            return result.Value ?? throw new InvalidOperationException(result.Message);
        });
}
