using System.Net;
using System.Net.Http.Json;
using CertPortal.Data;
using CertPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CertPortal.Tests.Api;

/// <summary>
/// Every POST/PUT/PATCH route under /api/v1, read from the app's endpoint data source (a new route is fuzzed without
/// being listed here), gets seeded, reproducible malformed requests as an admin: broken JSON, wrong types, nulls in
/// arrays, huge strings, bad PEM/DER/PFX/CSR/CSV files, odd content types and query strings. No answer may be a 5xx,
/// every 4xx is problem+json, and no table but the audit log gains or loses a row.
/// </summary>
public sealed class WriteEndpointFuzzTests(ITestOutputHelper output) : IDisposable
{
    // Another seed explores other cases: CERTPORTAL_FUZZ_SEED=n; a failure names its seed and case number.
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("CERTPORTAL_FUZZ_SEED"), out var seed) ? seed : 20261202;
    private const int CasesPerRoute = 40;
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task Malformed_requests_to_every_write_endpoint_answer_4xx_problems_and_store_nothing()
    {
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));
        var ids = await SeedAsync(api);
        var routes = WriteRoutes();
        var counts = await RowCountsAsync();
        var changed = new List<string>();
        var random = new Random(Seed);
        var (cases, failures) = (0, new List<string>());
        var fiveHundreds = 0;

        foreach (var route in routes)
            for (var i = 0; i < CasesPerRoute; i++)
            {
                var fuzz = FuzzCase.Make(random, route, ids);
                cases++;
                using var response = await api.SendAsync(fuzz.Request());
                var status = (int)response.StatusCode;
                if (status >= 500)
                    fiveHundreds++;
                if (status >= 500 || (status >= 400 && response.Content.Headers.ContentType?.MediaType != ProblemAssert.MediaType))
                    failures.Add($"case {cases} ({fuzz}): {status} {response.Content.Headers.ContentType?.MediaType} {Shorten(await response.Content.ReadAsStringAsync())}");
                // Counted after every case, so a failure names the request that stored something.
                var now = await RowCountsAsync();
                foreach (var table in now.Keys.Where(t => now[t] != counts.GetValueOrDefault(t)))
                    changed.Add($"case {cases} ({fuzz}) → {status}: {table} {counts.GetValueOrDefault(table)} → {now[table]}");
                counts = now;
            }

        output.WriteLine($"Fuzz seed {Seed}: {routes.Count} write routes, {cases} cases, {fiveHundreds} answered 5xx, {failures.Count} failures, {changed.Count} stored a row.");
        foreach (var route in routes)
            output.WriteLine($"  {route.Method} {route.Pattern}");
        Assert.True(routes.Count >= 25, $"only {routes.Count} write routes found");
        Assert.True(cases >= 1000, $"only {cases} cases");
        Assert.True(failures.Count == 0, $"seed {Seed}:\n" + string.Join("\n", failures.Take(30)));
        Assert.True(changed.Count == 0, $"seed {Seed} stored:\n" + string.Join("\n", changed.Take(30)));
    }

    private List<WriteRoute> WriteRoutes()
    {
        var endpoints = _portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m is "POST" or "PUT" or "PATCH")
                .Select(m => new WriteRoute(m, e.RoutePattern.RawText!, e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType)))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Real objects for routes that change one (PUT /customers/{id}...), so a malformed update reaches the service.</summary>
    private async Task<Dictionary<string, Guid>> SeedAsync(HttpClient api)
    {
        var customer = (await _portal.SeedCustomerAsync()).Id;
        var target = await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer, name = "Fuzz hook", type = "webhook", settings = new { url = "https://127.0.0.1:1/hook" }, secrets = new { hmacSecret = "h" },
        });
        var provider = await api.PostAsJsonAsync("/api/v1/dns-providers", new
        {
            customerId = customer, name = "Fuzz DNS", type = "cloudflare", settings = new { apiBaseUrl = "https://127.0.0.1:1" }, secrets = new { apiToken = "t" },
        });
        return new Dictionary<string, Guid>
        {
            ["/api/v1/customers/"] = customer,
            ["/api/v1/targets/"] = Guid.Parse((await target.JsonAsync(HttpStatusCode.Created)).Str("id")!),
            ["/api/v1/dns-providers/"] = Guid.Parse((await provider.JsonAsync(HttpStatusCode.Created)).Str("id")!),
            ["customer"] = customer,
        };
    }

    /// <summary>
    /// Rows per table of the portal's model, on either database, without the audit log (refusals are recorded there)
    /// and the sign-in keys (made when first needed).
    /// </summary>
    private async Task<Dictionary<string, long>> RowCountsAsync()
    {
        await using var db = await _portal.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct()
            .Where(t => !t.Contains("Audit", StringComparison.OrdinalIgnoreCase) && t != "DataProtectionKeys");
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return counts;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public void Dispose() => _portal.Dispose();
}
