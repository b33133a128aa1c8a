using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// The few calls of the PowerDNS Authoritative HTTP API (<c>/api/v1/servers/{serverId}/zones</c>) the provider needs,
/// with its failures turned into messages a technician can act on. The API key goes only into the header.
/// </summary>
internal sealed class PowerDnsApi
{
    private readonly HttpClient _http;
    private readonly string _server;

    private PowerDnsApi(HttpClient http, string baseUrl, string serverId)
    {
        (_http, BaseUrl) = (http, baseUrl);
        _server = $"{baseUrl}/api/v1/servers/{Uri.EscapeDataString(serverId)}";
    }

    public string BaseUrl { get; }

    public static PowerDnsApi For(IHttpClientFactory clients, DnsProviderSettings settings)
    {
        var url = settings.Required("apiUrl").Trim().TrimEnd('/');
        if (url.EndsWith("/api/v1", StringComparison.OrdinalIgnoreCase))
            url = url[..^"/api/v1".Length];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new DnsProviderException($"The API URL '{url}' is not an http(s) URL.");
        var http = clients.CreateClient(nameof(PowerDnsApi));
        http.Timeout = TimeSpan.FromSeconds(30);
        http.DefaultRequestHeaders.Add("X-API-Key", settings.Required("apiKey"));
        return new PowerDnsApi(http, url, settings.Optional("serverId")?.Trim() ?? "localhost");
    }

    /// <summary>The id of the zone named exactly <paramref name="zoneName"/> (with its trailing dot), or null.</summary>
    public async Task<string?> FindZoneIdAsync(string zoneName, CancellationToken ct)
    {
        var zones = await SendAsync(HttpMethod.Get, $"{_server}/zones?zone={Uri.EscapeDataString(zoneName)}", null, zoneName, ct);
        return zones?.AsArray().FirstOrDefault(z => string.Equals((string?)z?["name"], zoneName, StringComparison.OrdinalIgnoreCase))?["id"]?.GetValue<string>();
    }

    /// <summary>The TXT contents (quoted, as PowerDNS stores them) at <paramref name="owner"/>.</summary>
    public async Task<IReadOnlyList<string>> TxtRecordsAsync(string zoneId, string owner, CancellationToken ct)
    {
        // rrset_name/rrset_type narrow the answer on PowerDNS 4.8+; older versions send the whole zone, filtered here.
        var zone = await SendAsync(HttpMethod.Get, $"{Zone(zoneId)}?rrset_name={Uri.EscapeDataString(owner)}&rrset_type=TXT", null, zoneId, ct);
        var rrset = zone?["rrsets"]?.AsArray().FirstOrDefault(r =>
            string.Equals((string?)r?["name"], owner, StringComparison.OrdinalIgnoreCase) && (string?)r?["type"] == "TXT");
        return rrset?["records"]?.AsArray().Select(r => (string?)r?["content"]).OfType<string>().ToList() ?? [];
    }

    /// <summary>Makes <paramref name="contents"/> the whole TXT RRset at <paramref name="owner"/>; none deletes it.</summary>
    public Task ReplaceTxtAsync(string zoneId, string owner, IReadOnlyList<string> contents, int ttl, CancellationToken ct)
    {
        // DELETE takes no TTL and no records; REPLACE takes both.
        object rrset = contents.Count == 0
            ? new { name = owner, type = "TXT", changetype = "DELETE" }
            : new { name = owner, type = "TXT", ttl, changetype = "REPLACE", records = contents.Select(c => new { content = c, disabled = false }) };
        return SendAsync(HttpMethod.Patch, Zone(zoneId), new { rrsets = new[] { rrset } }, zoneId, ct);
    }

    private string Zone(string zoneId) => $"{_server}/zones/{Uri.EscapeDataString(zoneId)}";

    private async Task<JsonNode?> SendAsync(HttpMethod method, string url, object? body, string zone, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new DnsProviderException($"PowerDNS at {BaseUrl} could not be reached: {e.Message}", e);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
                return text.Length == 0 ? null : JsonNode.Parse(text);
            throw new DnsProviderException(Explain(response.StatusCode, ErrorText(text), zone));
        }
    }

    private string Explain(HttpStatusCode status, string? error, string zone) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => $"PowerDNS at {BaseUrl} refused the API key ({(int)status}): check it against api-key in pdns.conf.",
        HttpStatusCode.NotFound => $"PowerDNS at {BaseUrl} has no zone {zone} (404){(error is null ? "" : $": {error}")}. Check the zone and the server id.",
        HttpStatusCode.UnprocessableEntity => $"PowerDNS at {BaseUrl} refused the change in {zone} (422): {error ?? "no reason given"}.",
        _ => $"PowerDNS at {BaseUrl} answered {(int)status} {status}{(error is null ? "." : $": {error}")}",
    };

    // Errors come as {"error": "...", "errors": [...]}; a 401/404 from the webserver itself is plain text.
    private static string? ErrorText(string body)
    {
        try
        {
            return (JsonNode.Parse(body) as JsonObject)?["error"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
