using System.Security.Cryptography;
using System.Text.Json;
using CertPortal.Features.DnsProviders.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CertPortal.Tests.DnsProviders.Simulators;

/// <summary>
/// Cloudflare API v4 as documented (developers.cloudflare.com/api/resources/dns/subresources/records/): Bearer
/// tokens, the <c>{success, errors, result, result_info}</c> envelope, zones by name, TXT records with paging,
/// 81058 for an identical record, 429 with Retry-After when rate limited.
/// </summary>
public sealed class CloudflareSimulator : ISimulatedVendor
{
    private WebApplication _app = default!;

    private CloudflareSimulator(BindFixture bind) => Dns = new SimulatedDns(bind);

    public string Type => "cloudflare";

    public string BaseUrl { get; private set; } = "";

    public string ApiToken { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));

    public SimulatedDns Dns { get; }

    public RateLimitSwitch RateLimit { get; } = new();

    /// <summary>The most items a page holds, whatever per_page asks (small to make the provider page).</summary>
    public int PageSizeLimit { get; set; } = 50;

    public static async Task<CloudflareSimulator> StartAsync(BindFixture bind)
    {
        var simulator = new CloudflareSimulator(bind);
        // Zones a big account has besides the ones we test with, so listing without a name filter pages.
        for (var i = 0; i < 7; i++)
            simulator.Dns.Zones.Add(new SimulatedZone(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), $"customer{i}.test", false));
        (simulator._app, var baseUrl) = await SimulatorHost.StartAsync(simulator.Map);
        simulator.BaseUrl = baseUrl + "/client/v4";
        return simulator;
    }

    public IDnsProviderType CreateProvider() => new CloudflareProvider(SimulatorHttp.Factory, TimeProvider.System);

    public Dictionary<string, string?> Settings() => new() { ["apiBaseUrl"] = BaseUrl, ["zone"] = BindFixture.Zone };

    public Dictionary<string, string?> Secrets() => new() { ["apiToken"] = ApiToken };

    public (Dictionary<string, string?>, string) WrongSecrets() => (new() { ["apiToken"] = "not-" + ApiToken }, "Cloudflare refused the API token (9109 Invalid access token)");

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization.ToString() != $"Bearer {ApiToken}")
                await Fail(403, 9109, "Invalid access token").ExecuteAsync(context);
            else if (RateLimit.Take())
            {
                context.Response.Headers.RetryAfter = "1";
                await Fail(429, 971, "Please wait and consider throttling your request speed").ExecuteAsync(context);
            }
            else
                await next(context);
        });
        app.MapGet("/client/v4/zones", (string? name, int? page, int? per_page) =>
            Page(Dns.Zones.Where(z => name is null || z.Name == name).Select(z => (object)new { id = z.Id, name = z.Name, status = "active" }).ToList(), page, per_page));
        app.MapGet("/client/v4/zones/{zoneId}/dns_records", (string zoneId, string? type, string? name, int? page, int? per_page) =>
            Dns.Zone(zoneId) is not { } zone
                ? Fail(400, 7003, $"Could not route to /zones/{zoneId}/dns_records, perhaps your object identifier is invalid?")
                : Page(Dns.Records(zone, name).Where(_ => type is null or "TXT").Select(r => Json(zone, r)).ToList(), page, per_page));
        app.MapPost("/client/v4/zones/{zoneId}/dns_records", async (string zoneId, JsonElement body) =>
        {
            if (Dns.Zone(zoneId) is not { } zone)
                return Fail(400, 7003, $"Could not route to /zones/{zoneId}/dns_records, perhaps your object identifier is invalid?");
            var (name, content) = (body.GetProperty("name").GetString()!, body.GetProperty("content").GetString()!);
            if (body.GetProperty("type").GetString() != "TXT" || !SimulatedDns.InZone(name, zone))
                return Fail(400, 9005, "Content for TXT record is invalid or the name is outside the zone.");
            if (Dns.Records(zone, name).Any(r => r.Content == content))
                return Fail(400, 81058, "An identical record already exists.");
            return Ok(Json(zone, await Dns.AddAsync(zone, name, content)));
        });
        app.MapDelete("/client/v4/zones/{zoneId}/dns_records/{recordId}", async (string zoneId, string recordId) =>
        {
            if (Dns.Zone(zoneId) is not { } zone || Dns.Records(zone).FirstOrDefault(r => r.Id == recordId) is not { } record)
                return Fail(404, 81044, "Record does not exist.");
            await Dns.RemoveAsync(zone, record);
            return Ok(new { id = record.Id });
        });
    }

    private IResult Page(List<object> items, int? page, int? perPage)
    {
        var size = Math.Clamp(perPage ?? 100, 1, PageSizeLimit);
        var number = Math.Max(page ?? 1, 1);
        var pages = Math.Max(1, (items.Count + size - 1) / size);
        var slice = items.Skip((number - 1) * size).Take(size).ToList();
        return Results.Json(new
        {
            success = true, errors = Array.Empty<object>(), messages = Array.Empty<object>(), result = slice,
            result_info = new { page = number, per_page = size, count = slice.Count, total_count = items.Count, total_pages = pages },
        });
    }

    private static object Json(SimulatedZone zone, SimulatedTxt record) =>
        new { id = record.Id, zone_id = zone.Id, zone_name = zone.Name, name = record.Name, type = "TXT", content = record.Content, ttl = 120, proxied = false };

    private static IResult Ok(object result) =>
        Results.Json(new { success = true, errors = Array.Empty<object>(), messages = Array.Empty<object>(), result });

    private static IResult Fail(int status, int code, string message) =>
        Results.Json(new { success = false, errors = new[] { new { code, message } }, messages = Array.Empty<object>(), result = (object?)null }, statusCode: status);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
