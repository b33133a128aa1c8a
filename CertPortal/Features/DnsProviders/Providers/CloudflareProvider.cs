using CertPortal.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Data;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// Cloudflare API v4 with an API token (Zone:Read and DNS:Edit). Records:
/// https://developers.cloudflare.com/api/resources/dns/subresources/records/ ; limits and 429:
/// https://developers.cloudflare.com/fundamentals/api/reference/limits/
/// </summary>
public sealed class CloudflareProvider(IHttpClientFactory httpFactory, TimeProvider clock) : IDnsProviderType
{
    public const string HttpClientName = "cloudflare";
    public const string DefaultApiBaseUrl = "https://api.cloudflare.com/client/v4";
    private const string Vendor = "Cloudflare";
    private const int PageSize = 100;

    // 81057 "record already exists", 81058 "an identical record already exists": what we wanted is there.
    private static readonly int[] AlreadyThere = [81057, 81058];

    public string Type => "cloudflare";

    public string DisplayName => "Cloudflare DNS (API token)";

    public string Description => "Writes records through the Cloudflare API with a scoped token.";

    public IReadOnlyList<ProviderField> Fields { get; } =
    [
        new("apiToken", "API token", "A Cloudflare API token with Zone:Read and DNS:Edit on the zones it serves.", Secret: true, Section: FormSection.SignIn),
        new("zone", "Zone for the Test record", "A zone this token may edit, e.g. example.com; Test writes a record there.", Required: false),
        new("apiBaseUrl", "API base URL", $"Leave empty for {DefaultApiBaseUrl}.", Required: false, Kind: SettingKind.EndpointUrl, Section: FormSection.Advanced),
    ];

    public async Task CreateTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct)
    {
        var api = new Api(httpFactory.CreateClient(HttpClientName), clock, settings);
        var zoneId = await FindZoneIdAsync(api, recordName, ct);
        // Quoted, as Cloudflare's documentation asks for TXT content; delete matches either form.
        var answer = await api.SendAsync(HttpMethod.Post, $"zones/{zoneId}/dns_records",
            new { type = "TXT", name = recordName, content = TxtQuoting.Quote(value), ttl = 120 }, ct);
        if (!answer.Ok && !answer.Errors.Any(e => AlreadyThere.Contains(e.Code)))
            throw answer.Failure($"create the TXT record {recordName}");
    }

    public async Task DeleteTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct)
    {
        var api = new Api(httpFactory.CreateClient(HttpClientName), clock, settings);
        var zoneId = await FindZoneIdAsync(api, recordName, ct);
        var query = $"type=TXT&name={Uri.EscapeDataString(recordName)}";
        await foreach (var record in api.ListAsync($"zones/{zoneId}/dns_records", query, $"list the TXT records at {recordName}", ct))
        {
            if (TxtQuoting.Unquote(record.GetProperty("content").GetString() ?? "") != value)
                continue;
            var answer = await api.SendAsync(HttpMethod.Delete, $"zones/{zoneId}/dns_records/{record.GetProperty("id").GetString()}", null, ct);
            if (!answer.Ok && answer.Status != HttpStatusCode.NotFound)
                throw answer.Failure($"delete the TXT record {recordName}");
        }
    }

    /// <summary>The closest enclosing zone: the record's name, then each parent, as <c>GET /zones?name=</c>.</summary>
    private static async Task<string> FindZoneIdAsync(Api api, string recordName, CancellationToken ct)
    {
        foreach (var candidate in ZoneCandidates.For(recordName))
        {
            await foreach (var zone in api.ListAsync("zones", $"name={Uri.EscapeDataString(candidate)}", "list zones", ct))
                if (string.Equals(zone.GetProperty("name").GetString(), candidate, StringComparison.OrdinalIgnoreCase))
                    return zone.GetProperty("id").GetString()!;
        }
        throw new DnsProviderException($"Cloudflare has no zone holding {recordName} that this API token may read (it needs Zone:Read on it).");
    }

    private sealed class Api(HttpClient http, TimeProvider clock, DnsProviderSettings settings)
    {
        private readonly string _baseUrl = (settings.Optional("apiBaseUrl") ?? DefaultApiBaseUrl).TrimEnd('/') + "/";
        private readonly string _token = settings.Required("apiToken");

        public async Task<CloudflareAnswer> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
        {
            var response = await ThrottledSender.SendAsync(http, () =>
            {
                var request = new HttpRequestMessage(method, _baseUrl + path) { Content = body is null ? null : JsonContent.Create(body) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
                return request;
            }, Vendor, clock, ct);
            return CloudflareAnswer.Read(response);
        }

        /// <summary>Every item of a paged list, following <c>result_info.total_pages</c>.</summary>
        public async IAsyncEnumerable<JsonElement> ListAsync(string path, string query, string what,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            for (var page = 1; ; page++)
            {
                var answer = await SendAsync(HttpMethod.Get, $"{path}?{query}&page={page}&per_page={PageSize}", null, ct);
                if (!answer.Ok)
                    throw answer.Failure(what);
                foreach (var item in answer.Result.EnumerateArray())
                    yield return item;
                if (page >= answer.TotalPages)
                    yield break;
            }
        }
    }
}
