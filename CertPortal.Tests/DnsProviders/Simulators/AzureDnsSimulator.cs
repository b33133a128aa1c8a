using System.Security.Cryptography;
using System.Text.Json;
using CertPortal.Features.DnsProviders.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CertPortal.Tests.DnsProviders.Simulators;

/// <summary>
/// Microsoft Entra's v2.0 token endpoint (client credentials) and Azure DNS record sets over ARM, api-version
/// 2018-05-01, as documented (learn.microsoft.com/en-us/rest/api/dns/record-sets/): bearer tokens, ETags with
/// If-Match / If-None-Match, <c>{error:{code,message}}</c> bodies, AuthorizationFailed without the role, 429 with Retry-After.
/// </summary>
public sealed class AzureDnsSimulator : ISimulatedVendor
{
    public const string Subscription = "00000000-1111-2222-3333-444444444444";
    public const string ResourceGroup = "rg-dns";
    private readonly HashSet<string> _tokens = [];
    private readonly Dictionary<string, string> _etags = [];
    private WebApplication _app = default!;

    // ARM spells its names as documented (TTL, TXTRecords), not camelCase.
    private static readonly JsonSerializerOptions AsWritten = new();

    private AzureDnsSimulator(BindFixture bind) => Dns = new SimulatedDns(bind);

    public string Type => "azure";

    public string BaseUrl { get; private set; } = "";

    public string TenantId { get; } = Guid.NewGuid().ToString();

    public string ClientId { get; } = Guid.NewGuid().ToString();

    public string ClientSecret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));

    public SimulatedDns Dns { get; }

    public RateLimitSwitch RateLimit { get; } = new();

    /// <summary>Whether the app registration holds DNS Zone Contributor; without it writes answer 403 AuthorizationFailed.</summary>
    public bool MayWrite { get; set; } = true;

    public int TokensIssued { get; private set; }

    public static async Task<AzureDnsSimulator> StartAsync(BindFixture bind)
    {
        var simulator = new AzureDnsSimulator(bind);
        (simulator._app, simulator.BaseUrl) = await SimulatorHost.StartAsync(simulator.Map);
        return simulator;
    }

    public IDnsProviderType CreateProvider() => new AzureDnsProvider(SimulatorHttp.Factory, TimeProvider.System);

    public Dictionary<string, string?> Settings(string zone) => new()
    {
        ["tenantId"] = TenantId, ["clientId"] = ClientId, ["subscriptionId"] = Subscription, ["resourceGroup"] = ResourceGroup, ["zone"] = zone,
        ["authorityUrl"] = BaseUrl, ["managementUrl"] = BaseUrl,
    };

    public Dictionary<string, string?> Settings() => Settings(BindFixture.Zone);

    public Dictionary<string, string?> Secrets() => new() { ["clientSecret"] = ClientSecret };

    public (Dictionary<string, string?>, string) WrongSecrets() =>
        (new() { ["clientSecret"] = "wrong-" + ClientSecret }, "Microsoft Entra ID refused the app's client credentials: AADSTS7000215: Invalid client secret provided.");

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (RateLimit.Take())
            {
                context.Response.Headers.RetryAfter = "1";
                await Error(429, "TooManyRequests", "The request is being throttled.").ExecuteAsync(context);
            }
            else
                await next(context);
        });
        app.MapPost("/{tenant}/oauth2/v2.0/token", async (string tenant, HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (tenant != TenantId)
                return TokenError(400, "invalid_request", $"AADSTS90002: Tenant '{tenant}' not found.");
            if (form["grant_type"] != "client_credentials" || form["scope"] != $"{BaseUrl}/.default")
                return TokenError(400, "invalid_scope", $"AADSTS1002012: The provided value for scope {form["scope"]} is not valid.");
            if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
                return TokenError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.\r\nTrace ID: 1 Correlation ID: 2 Timestamp: 2026-01-01 00:00:00Z");
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            lock (_tokens)
            {
                _tokens.Add(token);
                TokensIssued++;
            }
            return Results.Json(new { token_type = "Bearer", expires_in = 3599, ext_expires_in = 3599, access_token = token });
        });
        const string recordSet = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.Network/dnsZones/{zoneName}/TXT/{relative}";
        app.MapMethods(recordSet, ["GET", "PUT", "DELETE"], async (string subscription, string group, string zoneName, string relative, HttpContext context) =>
        {
            var request = context.Request;
            lock (_tokens)
                if (!request.Headers.Authorization.ToString().StartsWith("Bearer ") || !_tokens.Contains(request.Headers.Authorization.ToString()[7..]))
                    return Error(401, "InvalidAuthenticationToken", "The access token is invalid.");
            if (request.Query["api-version"] != "2018-05-01")
                return Error(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
            if (subscription != Subscription || group != ResourceGroup)
                return Error(404, "ResourceGroupNotFound", $"Resource group '{group}' could not be found.");
            if (Dns.Zones.FirstOrDefault(z => z.Name == zoneName) is not { } zone)
                return Error(404, "ParentResourceNotFound", $"Can not perform requested operation on nested resource. Parent resource '{zoneName}' not found.");
            var name = relative == "@" ? zone.Name : $"{relative}.{zone.Name}";
            if (request.Method != "GET" && !MayWrite)
                return Error(403, "AuthorizationFailed", $"The client '{ClientId}' with object id '{ClientId}' does not have authorization to perform action 'Microsoft.Network/dnsZones/TXT/write' over scope '/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.Network/dnsZones/{zoneName}/TXT/{relative}'.");
            var current = Dns.Records(zone, name);
            var etag = current.Count == 0 ? null : _etags.GetValueOrDefault(name);
            if (request.Method == "GET")
                return current.Count == 0
                    ? Error(404, "NotFound", $"The resource record '{relative}' does not exist in resource group '{group}' of subscription '{subscription}'.")
                    : RecordSet(zone, relative, name, etag!, current.Select(r => r.Content));
            if (request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch && ifMatch != etag ||
                request.Headers.IfNoneMatch == "*" && etag is not null)
                return Error(412, "PreconditionFailed", "The condition specified using HTTP conditional header(s) is not met.");
            if (request.Method == "DELETE")
            {
                await Dns.ReplaceAsync(zone, name, []);
                return current.Count == 0 ? Results.NoContent() : Results.Ok();
            }
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            var values = body.GetProperty("properties").GetProperty("TXTRecords").EnumerateArray()
                .Select(r => string.Concat(r.GetProperty("value").EnumerateArray().Select(v => v.GetString()))).ToList();
            await Dns.ReplaceAsync(zone, name, values);
            _etags[name] = Guid.NewGuid().ToString();
            return RecordSet(zone, relative, name, _etags[name], values, current.Count == 0 ? 201 : 200);
        });
    }

    private static IResult RecordSet(SimulatedZone zone, string relative, string name, string etag, IEnumerable<string> values, int status = 200) => Results.Json(new
    {
        id = $"/subscriptions/{Subscription}/resourceGroups/{ResourceGroup}/providers/Microsoft.Network/dnszones/{zone.Name}/TXT/{relative}",
        name = relative, type = "Microsoft.Network/dnszones/TXT", etag,
        properties = new { fqdn = name + ".", TTL = 60, TXTRecords = values.Select(v => new { value = new[] { v } }), provisioningState = "Succeeded" },
    }, AsWritten, statusCode: status);

    private static IResult Error(int status, string code, string message) => Results.Json(new { error = new { code, message } }, statusCode: status);

    private static IResult TokenError(int status, string error, string description) =>
        Results.Json(new { error, error_description = description, error_codes = new[] { int.Parse(description[6..description.IndexOf(':')]) } }, statusCode: status);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
