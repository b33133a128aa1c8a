using CertPortal.Features.Settings;
using CertPortal.Features.Users;
using Microsoft.AspNetCore.Identity;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CertPortal.Tests.Users;

/// <summary>
/// Passkeys and the authenticator app in Chromium. Passkeys run against the DevTools virtual authenticator on
/// http://localhost (a secure context, and a valid relying party id, which 127.0.0.1 is not).
/// </summary>
public sealed class SecondFactorBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    private string Localhost => $"http://localhost:{Portal.Port}";

    [Fact]
    public async Task A_passkey_registers_signs_in_with_and_without_the_email_and_is_refused_once_removed()
    {
        await Portal.CreateUserAsync("keys@msp.test", Roles.Technician);
        var page = await Chromium.NewPageAsync(Localhost);
        await VirtualAuthenticator.AddAsync(page);
        await PasswordSignInAsync(page, "keys@msp.test");

        await page.GotoAsync("/Account/Security");
        await Assertions.Expect(page.GetByTestId("no-passkeys")).ToBeVisibleAsync();
        await page.GetByTestId("new-passkey-name").FillAsync("Work laptop");
        await page.GetByTestId("add-passkey").ClickAsync();
        await Assertions.Expect(page.GetByTestId("passkey-message")).ToHaveTextAsync("Added passkey 'Work laptop'.");
        await Assertions.Expect(page.GetByTestId("passkey")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("passkey-used")).ToContainTextAsync("last used never");
        await ChromiumFixture.ScreenshotAsync(page, "security-passkeys");

        // Discoverable: no name typed, the authenticator offers the account's passkey.
        await SignOutAsync(page);
        await page.GetByTestId("passkey-sign-in").ClickAsync();
        await page.WaitForURLAsync(Localhost + "/");
        await Assertions.Expect(page.GetByTestId("account-menu")).ToBeVisibleAsync();

        // After typing the email: the options name this account's passkeys.
        await SignOutAsync(page);
        await page.FillAsync("#email", "keys@msp.test");
        await page.GetByTestId("passkey-sign-in").ClickAsync();
        await page.WaitForURLAsync(Localhost + "/");

        await page.GotoAsync("/Account/Security");
        await Assertions.Expect(page.GetByTestId("passkey-used")).Not.ToContainTextAsync("last used never");
        await page.GetByTestId("passkey-name").FillAsync("Old laptop");
        await page.GetByTestId("passkey-rename").ClickAsync();
        await Assertions.Expect(page.GetByTestId("passkey-message")).ToHaveTextAsync("Renamed to 'Old laptop'.");
        await page.GetByTestId("passkey-remove").ClickAsync();
        await Assertions.Expect(page.GetByTestId("passkey-message")).ToContainTextAsync("Removed passkey 'Old laptop'.");
        await Assertions.Expect(page.GetByTestId("passkey")).ToHaveCountAsync(0);

        // The authenticator still holds the credential; the portal no longer accepts it.
        await SignOutAsync(page);
        await page.GetByTestId("passkey-sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sign-in-error")).ToHaveTextAsync("That passkey did not sign you in.");
        Assert.EndsWith("/Account/Login", page.Url);
        await ChromiumFixture.ScreenshotAsync(page, "sign-in-removed-passkey");
    }

    [Fact]
    public async Task The_authenticator_app_is_set_up_in_the_browser_and_its_code_is_the_second_step()
    {
        await Portal.CreateUserAsync("app@msp.test", Roles.Technician);
        var page = await NewPageAsync();
        await PasswordSignInAsync(page, "app@msp.test");
        var stampBefore = await StampAsync("app@msp.test");

        await page.GotoAsync("/Account/Security");
        await Assertions.Expect(page.GetByTestId("authenticator-qr").Locator("svg")).ToBeVisibleAsync();
        // Making the first key ends no session: requests still in flight with the sign-in cookie stay signed in.
        Assert.Equal(stampBefore, await StampAsync("app@msp.test"));
        var key = (await page.GetByTestId("authenticator-key").TextContentAsync())!.Replace(" ", "").ToUpperInvariant();
        await ChromiumFixture.ScreenshotAsync(page, "security-authenticator-setup");
        await page.GetByTestId("authenticator-code").FillAsync(SecondFactorForms.CodeNow(key));
        await page.GetByTestId("authenticator-enable").ClickAsync();
        await Assertions.Expect(page.GetByTestId("recovery-code")).ToHaveCountAsync(10);
        await Assertions.Expect(page.GetByTestId("authenticator-on")).ToContainTextAsync("10 recovery code(s) left");

        await SignOutAsync(page);
        await page.FillAsync("#email", "app@msp.test");
        await page.FillAsync("#password", TestPasswords.Default);
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForURLAsync("**/Account/LoginWith2fa**");
        await ChromiumFixture.ScreenshotAsync(page, "sign-in-second-step");
        await page.GetByTestId("second-factor-code").FillAsync(SecondFactorForms.CodeNow(key));
        await page.GetByTestId("verify-code").ClickAsync();
        await page.WaitForURLAsync(Portal.BaseUrl + "/");
        await Assertions.Expect(page.GetByTestId("account-menu")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_required_second_factor_leads_to_enrolment_right_after_the_password()
    {
        await Portal.CreateUserAsync("new-hire@msp.test", Roles.ReadOnly);
        await Portal.InScopeAsync(sp => sp.GetRequiredService<SettingsService>().SaveSecurityAsync(new SecuritySettingsInput(SecuritySettings.Everyone, null)));
        var page = await Chromium.NewPageAsync(Localhost, viewport: new ViewportSize { Width = 375, Height = 800 });
        await VirtualAuthenticator.AddAsync(page);

        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#email", "new-hire@msp.test");
        await page.FillAsync("#password", TestPasswords.Default);
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForURLAsync(Localhost + "/Account/Security");
        await Assertions.Expect(page.GetByTestId("enrol-required")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("continue")).ToHaveCountAsync(0);
        await ChromiumFixture.ScreenshotAsync(page, "security-enrolment-required");
        await page.GotoAsync("/certificates");
        await page.WaitForURLAsync(Localhost + "/Account/Security");

        await page.GetByTestId("add-passkey").ClickAsync();
        await Assertions.Expect(page.GetByTestId("passkey-message")).ToHaveTextAsync("Added passkey 'Passkey 1'.");
        await page.GetByTestId("continue").ClickAsync();
        await page.WaitForURLAsync(Localhost + "/");
        await page.GetByTestId("circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // Now that the second factor is a passkey, the password alone no longer opens the portal.
        await SignOutAsync(page);
        await page.FillAsync("#email", "new-hire@msp.test");
        await page.FillAsync("#password", TestPasswords.Default);
        await page.ClickAsync("[data-testid=sign-in]");
        await Assertions.Expect(page.GetByTestId("sign-in-error")).ToHaveTextAsync("This account needs its passkey: use \"Sign in with a passkey\".");
        await page.GetByTestId("passkey-sign-in").ClickAsync();
        await page.WaitForURLAsync(Localhost + "/");
    }

    [Fact]
    public async Task An_admin_resets_a_persons_second_factor_from_the_users_page()
    {
        await Portal.CreateUserAsync("admin@msp.test", Roles.Admin);
        await Portal.CreateUserAsync("phone-lost@msp.test", Roles.Technician);
        await Portal.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync("phone-lost@msp.test"))!;
            await users.ResetAuthenticatorKeyAsync(user);
            return await users.SetTwoFactorEnabledAsync(user, true);
        });

        var page = await SignInAsync("admin@msp.test");
        await page.OpenAsync("/users");
        var row = page.GetByTestId("user-grid").Locator("tr", new() { HasText = "phone-lost@msp.test" });
        // Working in the circuit makes the browser renew its sliding sign-in cookie (at most once a minute), which a circuit
        // alone never would. Any message into the circuit after the clock moves may be the one that sends it, so listen first.
        var keepAlive = page.WaitForRequestAsync("**/Account/KeepAlive");
        Portal.Clock.Advance(TimeSpan.FromMinutes(2));
        await row.GetByTestId("reset-second-factor").ClickAsync();
        await keepAlive;
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Reset the second factor of phone-lost@msp.test.");
        var enabled = await Portal.InScopeAsync(async sp =>
            (await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync("phone-lost@msp.test"))!.TwoFactorEnabled);
        Assert.False(enabled);
    }

    [Fact]
    public async Task An_admin_requires_a_second_factor_for_admins_and_shortens_the_idle_timeout_on_the_settings_page()
    {
        await Portal.CreateUserAsync("settings-admin@msp.test", Roles.Admin);
        var page = await SignInAsync("settings-admin@msp.test");
        await page.OpenAsync("/settings");
        var form = page.GetByTestId("security-settings");
        await form.GetByText("Admins", new() { Exact = true }).ClickAsync();
        await page.Field("idle-timeout").FillAsync("2");
        await page.GetByTestId("save-security").ClickAsync();
        await Assertions.Expect(page.GetByTestId("security-error")).ToHaveTextAsync("Please correct the marked fields.");
        await Assertions.Expect(form).ToContainTextAsync("The idle timeout must be from 5 to 10080 minutes");

        await page.Field("idle-timeout").FillAsync("30");
        await page.GetByTestId("save-security").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Security settings saved.");
        await ChromiumFixture.ScreenshotAsync(page, "settings-security");
        var saved = await Portal.InScopeAsync(sp => sp.GetRequiredService<SettingsService>().GetSecurityAsync());
        Assert.Equal(new SecuritySettings(SecuritySettings.Admins, 30), saved);
    }

    private Task<string?> StampAsync(string email) =>
        Portal.InScopeAsync(async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.SecurityStamp);

    private static async Task PasswordSignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", TestPasswords.Default);
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.GetByTestId("circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("account-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/Account/Login");
    }
}
