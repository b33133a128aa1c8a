using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CertPortal.Tests.Infrastructure;

/// <summary>Signs in through the real static sign-in form (antiforgery token and all), as a browser would.</summary>
public static partial class FormSignIn
{
    public static HttpClient BrowserLikeClient(this PortalFactory portal) =>
        portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = portal.ClientBaseAddress });

    /// <summary>Posts the sign-in form; returns the response (302 to the return URL on success, 200 with an error otherwise).</summary>
    public static async Task<(HttpResponseMessage Response, string Body)> PostSignInAsync(this HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = Antiforgery(form),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        return (response, await response.Content.ReadAsStringAsync());
    }

    public static async Task SignInAsync(this HttpClient client, string email, string password)
    {
        var (response, body) = await client.PostSignInAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode} {ErrorOf(body)}");
    }

    public static string? ErrorOf(string body) =>
        SignInError().Match(body) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    public static string Antiforgery(string html) =>
        AntiforgeryField().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No antiforgery token in the form.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("data-testid=\"sign-in-error\">([^<]*)<")]
    private static partial Regex SignInError();
}
