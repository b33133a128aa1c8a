using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// The two calls of acme-dns's HTTP API: <c>POST /register</c> (a new account: username, password, subdomain,
/// fulldomain) and <c>POST /update</c> with <c>X-Api-User</c>/<c>X-Api-Key</c> and <c>{subdomain, txt}</c>.
/// </summary>
public sealed class AcmeDnsApi(HttpClient http, string baseUrl, TimeProvider clock)
{
    private const string Vendor = "acme-dns";

    public async Task<AcmeDnsAccount> RegisterAsync(CancellationToken ct)
    {
        var response = await ThrottledSender.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/register")
            { Content = JsonContent.Create(new { }) }, Vendor, clock, ct);
        if (!response.IsSuccess)
            throw new DnsProviderException($"acme-dns at {baseUrl} refused to register a new account: {Explain(response)}");
        try
        {
            return JsonSerializer.Deserialize<AcmeDnsAccount>(response.Body, JsonSerializerOptions.Web) is { Username.Length: > 0, Password.Length: > 0, Subdomain.Length: > 0, Fulldomain.Length: > 0 } account
                ? account
                : throw new DnsProviderException($"acme-dns at {baseUrl} answered /register without username, password, subdomain and fulldomain.");
        }
        catch (JsonException e)
        {
            throw new DnsProviderException($"acme-dns at {baseUrl} answered /register with something that is not its JSON: {e.Message}", e);
        }
    }

    public async Task UpdateAsync(string username, string password, string subdomain, string txt, CancellationToken ct)
    {
        var response = await ThrottledSender.SendAsync(http, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/update") { Content = JsonContent.Create(new { subdomain, txt }) };
            request.Headers.Add("X-Api-User", username);
            request.Headers.Add("X-Api-Key", password);
            return request;
        }, Vendor, clock, ct);
        if (!response.IsSuccess)
            throw new DnsProviderException($"acme-dns at {baseUrl} refused the TXT update of {subdomain}: {Explain(response)}");
    }

    private static string Explain(VendorResponse response) => (response.Status, Error(response.Body)) switch
    {
        (HttpStatusCode.Unauthorized, _) => "401 — the username or password is wrong, or this portal's address is not in the account's allowfrom list.",
        (_, "bad_txt") => "bad_txt — the value is not a 43-character ACME DNS-01 digest.",
        (_, "bad_subdomain") => "bad_subdomain — the subdomain is not this account's.",
        (var status, var error) => $"HTTP {(int)status}{(error is null ? "" : $" {error}")}.",
    };

    private static string? Error(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("error", out var error) ? error.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>What <c>POST /register</c> answers; the password is a secret.</summary>
public sealed record AcmeDnsAccount(string Username, string Password, string Subdomain, string Fulldomain);
