using System.Net;
using CertPortal.Features.Users;
using CertPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace CertPortal.Tests.Users;

/// <summary>Posts the static second-factor forms as a browser would, and computes authenticator codes as an app would.</summary>
internal static class SecondFactorForms
{
    public static async Task<(HttpResponseMessage Response, string Body)> PostFormAsync(this HttpClient client, string url, string handler, Dictionary<string, string> fields)
    {
        var form = await client.GetStringAsync(url);
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = FormSignIn.Antiforgery(form);
        var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Password, then the code: what a person with an authenticator app does.</summary>
    public static async Task<(HttpResponseMessage Response, string Body)> SignInWithCodeAsync(this HttpClient client, string email, string code)
    {
        var (first, _) = await client.PostSignInAsync(email, TestPasswords.Default);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("Account/LoginWith2fa", first.Headers.Location!.ToString());
        return await client.PostFormAsync(first.Headers.Location!.ToString(), "second-step", new() { ["Input.Code"] = code });
    }

    public static Task<string?> AuthenticatorKeyAsync(this PortalFactory portal, string email) =>
        portal.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!);
        });

    /// <summary>The code an authenticator app shows now (Identity checks codes against the real clock).</summary>
    public static string CodeNow(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);
}
