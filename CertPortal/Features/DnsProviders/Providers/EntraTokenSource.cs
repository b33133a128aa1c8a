using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// Microsoft Entra ID app tokens by the client-credentials grant
/// (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow), kept until shortly
/// before they expire. The cache key holds a hash of the secret, so a replaced secret fetches a new token.
/// </summary>
public sealed class EntraTokenSource(HttpClient http, TimeProvider clock)
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset ExpiresAt)> _tokens = new();

    public async Task<string> TokenAsync(string authorityUrl, string tenantId, string clientId, string clientSecret, string scope, CancellationToken ct)
    {
        var key = $"{authorityUrl}|{tenantId}|{clientId}|{scope}|{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(clientSecret)))}";
        if (_tokens.TryGetValue(key, out var cached) && clock.GetUtcNow() < cached.ExpiresAt - RenewBefore)
            return cached.Token;

        var url = $"{authorityUrl.TrimEnd('/')}/{Uri.EscapeDataString(tenantId)}/oauth2/v2.0/token";
        var response = await ThrottledSender.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = clientSecret, ["scope"] = scope,
            }),
        }, "Microsoft Entra ID", clock, ct);
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(response.Body).RootElement;
        }
        catch (JsonException e)
        {
            throw new DnsProviderException($"Microsoft Entra ID answered the token request with HTTP {(int)response.Status} and no JSON.", e);
        }
        if (!response.IsSuccess || !body.TryGetProperty("access_token", out var token))
            throw new DnsProviderException($"Microsoft Entra ID refused the app's client credentials: {Describe(body)}");
        var lifetime = body.TryGetProperty("expires_in", out var expires) && (expires.TryGetInt32(out var s) || int.TryParse(expires.GetString(), out s)) ? s : 3600;
        _tokens[key] = (token.GetString()!, clock.GetUtcNow().AddSeconds(lifetime));
        return token.GetString()!;
    }

    // error_description starts with the AADSTS code and text (e.g. AADSTS7000215: Invalid client secret provided), then trace ids.
    private static string Describe(JsonElement body)
    {
        var description = body.TryGetProperty("error_description", out var d) ? d.GetString() ?? "" : "";
        var firstLine = description.Split('\n', '\r')[0].Trim();
        var error = body.TryGetProperty("error", out var e) ? e.GetString() : null;
        return firstLine.Length > 0 ? $"{firstLine} ({error})" : error ?? "no reason given";
    }
}
