using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using CertPortal.Data;
using CertPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
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

    /// <summary>Rows per table, without the audit log (refusals are recorded there) and Quartz's own bookkeeping.</summary>
    private async Task<Dictionary<string, long>> RowCountsAsync()
    {
        await using var db = await _portal.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'QRTZ_%' AND name NOT LIKE '__EF%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }
        var counts = new Dictionary<string, long>();
        foreach (var table in tables.Where(t => !t.Contains("Audit", StringComparison.OrdinalIgnoreCase)))
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public void Dispose() => _portal.Dispose();

    /// <summary>A write route as the endpoint data source declares it; <see cref="BodyType"/> is its JSON body's type, if any.</summary>
    private sealed record WriteRoute(string Method, string Pattern, Type? BodyType);

    /// <summary>One malformed request, made from the seeded random sequence; <see cref="ToString"/> says how to read it in a failure.</summary>
    private sealed record FuzzCase(WriteRoute Route, string Path, string Kind, byte[] Body, string? ContentType, bool Multipart, string? FileName)
    {
        private static readonly string[] BrokenJson =
        [
            "{", "}", "{\"", "{\"name\": ", "{\"name\": \"x\",}", "{name: 1}", "{\"a\":1}}", "[", "{\"a\": [1, 2}", "{\"a\": \"\\u12\"}", "\u0000",
            "{\"a\": tru}", "{\"a\": 01}", "{\"a\": -}", "{\"a\": \"x\" \"b\": 1}", "NaN", "{\"a\": NaN}", "'single'", "{\"a\":\"\\x41\"}", "/* c */ {}",
        ];

        private static readonly string[] WrongTopLevel = ["[]", "[1,2,3]", "\"text\"", "42", "null", "true", "[{}]", "[null]"];

        private static readonly string[] OddQueries =
        [
            "?customerId=not-a-guid", "?page=-1&pageSize=0", "?pageSize=99999999999", "?%00=%00", "?format=pfx&password=%00", "?a[]=1&a[]=2",
            "?customerId=" + new string('9', 4000), "?version=-5&format=../../etc/passwd", "?=&&==", "?search=%E0%A4%A",
        ];

        public static FuzzCase Make(Random random, WriteRoute route, IReadOnlyDictionary<string, Guid> ids)
        {
            var path = FillParameters(random, route, ids) + (random.Next(4) == 0 ? OddQueries[random.Next(OddQueries.Length)] : "");
            var properties = Properties(route.BodyType);
            switch (random.Next(route.BodyType is null ? 4 : 9))
            {
                case 0:
                    return Text(route, path, "broken JSON", BrokenJson[random.Next(BrokenJson.Length)]);
                case 1:
                    return new FuzzCase(route, path, "bad file as JSON", Files.Pick(random).Bytes, "application/json", false, null);
                case 2:
                {
                    var (name, content) = Files.Pick(random);
                    var form = FormFields(random, ids, name, content);
                    return new FuzzCase(route, path, $"multipart {name}", form.Body, form.ContentType, true, name);
                }
                case 3:
                {
                    var (name, content) = Files.Pick(random);
                    var type = new[] { "text/csv", "application/x-pem-file", "application/pkcs10", "application/x-pkcs12", "application/octet-stream", "text/plain" }[random.Next(6)];
                    return new FuzzCase(route, path, $"{type} {name}", content, type, false, name);
                }
                case 4:
                    return Text(route, path, "wrong top-level", WrongTopLevel[random.Next(WrongTopLevel.Length)]);
                case 5:
                    return Text(route, path, "truncated body", Truncated(random, properties));
                case 6 when properties.Count > 0:
                {
                    var (name, type, _) = properties[random.Next(properties.Count)];
                    return Text(route, path, $"wrong type for {name}", JsonSerializer.Serialize(new Dictionary<string, object?> { [name] = WrongValue(random, type) }));
                }
                case 7 when properties.Count > 0:
                {
                    var (name, type, optional) = properties[random.Next(properties.Count)];
                    return Text(route, path, $"odd value for {name}", JsonSerializer.Serialize(new Dictionary<string, object?> { [name] = OddValue(random, type, optional) }));
                }
                case 8:
                    return new FuzzCase(route, path, "over 1 MB", Encoding.UTF8.GetBytes($"{{\"name\": \"{new string('x', 1024 * 1024 + random.Next(1000))}\"}}"), "application/json", false, null);
                default:
                    return Text(route, path, "empty object with odd query", "{}");
            }
        }

        public HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(new HttpMethod(Route.Method), Path) { Content = new ByteArrayContent(Body) };
            if (ContentType is not null)
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            return request;
        }

        public override string ToString() => $"{Route.Method} {(Path.Length > 120 ? Path[..120] + "…" : Path)}: {Kind}, {Body.Length} bytes {ContentType}";

        private static FuzzCase Text(WriteRoute route, string path, string kind, string body) =>
            new(route, path, kind, Encoding.UTF8.GetBytes(body), "application/json", false, null);

        private static Guid RandomGuid(Random random)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes);
        }

        private static string FillParameters(Random random, WriteRoute route, IReadOnlyDictionary<string, Guid> ids)
        {
            var path = route.Pattern;
            var seeded = ids.FirstOrDefault(i => route.Pattern.StartsWith(i.Key, StringComparison.Ordinal) && route.Pattern.Count(c => c == '{') == 1);
            while (path.IndexOf('{') is var open and >= 0)
            {
                var close = path.IndexOf('}', open);
                var value = seeded.Key is not null && random.Next(4) > 0 ? seeded.Value : RandomGuid(random);
                path = path[..open] + value + path[(close + 1)..];
            }
            return path;
        }

        // A nullable property's null (or blank text) means "leave as it is" on some routes: a valid request, so not sent as malformed.
        private static List<(string Name, Type Type, bool Optional)> Properties(Type? body) =>
            body is null || body == typeof(string) ? [] : body.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead)
                .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), p.PropertyType, Optional(new NullabilityInfoContext().Create(p))))
                .ToList();

        // A list of nullable elements (string?) declares that a null entry is skipped, like a blank form row.
        private static bool Optional(NullabilityInfo info) =>
            info.WriteState == NullabilityState.Nullable && (info.GenericTypeArguments.Length == 0 || info.GenericTypeArguments.All(a => a.ReadState == NullabilityState.Nullable))
            || info.GenericTypeArguments is [{ ReadState: NullabilityState.Nullable }];

        private static object? WrongValue(Random random, Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            object?[] choices = type == typeof(string) ? [12345, true, new { a = 1 }, new[] { 1 }]
                : type == typeof(Guid) ? ["not-a-guid", 7, "00000000-0000-0000-0000-00000000000g", Array.Empty<int>()]
                : type == typeof(int) || type == typeof(long) || type == typeof(double) ? ["seven", 1.5, JsonDocument.Parse("99999999999999999999").RootElement, true]
                : type == typeof(bool) ? ["maybe", 2, new { }]
                : type.IsEnum ? ["no-such-value", 99, new[] { "x" }]
                : type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) ? ["yesterday", 5, "2026-13-45"]
                : IsDictionary(type) ? [new[] { 1, 2 }, "x", 5]
                : IsList(type) ? [new { a = 1 }, "x", 5, new object[] { new { }, new[] { 1 } }]
                : ["x", 5, new[] { 1 }];
            return choices[random.Next(choices.Length)];
        }

        /// <summary>Values of the right JSON kind that a service must still refuse: nulls in lists, secret or unknown keys, huge or hostile text.</summary>
        private static object? OddValue(Random random, Type type, bool optional)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (IsDictionary(type))
                return new object?[]
                {
                    new Dictionary<string, object?> { ["password"] = "in-clear" }, new Dictionary<string, object?> { ["k"] = null },
                    new Dictionary<string, object?> { [new string('k', 5000)] = "v" }, new Dictionary<string, object?> { ["port"] = "99999", ["resolvers"] = "1.2.3.4:0" },
                    new Dictionary<string, object?> { ["url"] = "http://example.test/", ["baseUrl"] = "file:///etc/passwd" },
                }[random.Next(5)];
            if (IsList(type))
                return new object?[] { Enumerable.Repeat("x", 20_000).ToArray(), new[] { "", " ", "\0" }, new string?[] { null }, new[] { "a.example.test", null } }[random.Next(optional ? 2 : 4)];
            return new object?[]
            {
                new string('A', 200_000), "\0", "line\r\nbreak", "tab\there", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", null, "", "   ",
            }[random.Next(optional ? 5 : 8)];
        }

        private static bool IsDictionary(Type type) => type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));

        private static bool IsList(Type type) => type != typeof(string) && (type.IsArray || type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)));

        private static string Truncated(Random random, List<(string Name, Type Type, bool Optional)> properties)
        {
            var whole = JsonSerializer.Serialize(properties.ToDictionary(p => p.Name, p => (object?)"value"));
            return whole[..random.Next(1, Math.Max(2, whole.Length - 1))];
        }

        private static (byte[] Body, string ContentType) FormFields(Random random, IReadOnlyDictionary<string, Guid> ids, string fileName, byte[] content)
        {
            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(content), "file", fileName },
                { new StringContent(random.Next(2) == 0 ? ids["customer"].ToString() : "not-a-guid"), "customerId" },
                { new StringContent(new[] { "", "pw", "p\0w", new string('p', 129), "\ud800" }[random.Next(5)]), "password" },
                { new StringContent(new[] { "Fuzz", "", new string('n', 300) }[random.Next(3)]), "name" },
                { new StringContent(new[] { "", "x", Guid.Empty.ToString() }[random.Next(3)]), "caId" },
            };
            var body = form.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            return (body, form.Headers.ContentType!.ToString());
        }
    }

    /// <summary>Broken files of every kind the API takes: PEM, DER, PFX, CSR, CSV.</summary>
    private static class Files
    {
        private static readonly (string Name, string Text)[] All =
        [
            ("cert.pem", "-----BEGIN CERTIFICATE-----\nnot base64 at all!!\n-----END CERTIFICATE-----\n"),
            ("cert.pem", "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n"),
            ("key.pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHzBJBgkqhkiG9w0BBQ0wPDAbBgkqhkiG9w0BBQwwDgQI\n-----END ENCRYPTED PRIVATE KEY-----\n"),
            ("key.pem", "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n"),
            ("bundle.pem", "-----BEGIN CERTIFICATE-----\n" + new string('A', 64) + "\n-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----"),
            ("cert.der", "\u0030\u0084\u00ff\u00ff\u00ff\u00ff\u0002\u0001"),
            ("cert.der", "\u0030\u0003\u0002\u0001"),
            ("store.pfx", "\u0030\u0082\u0001\u0000\u0002\u0001\u0003\u0030\u0080"),
            ("store.pfx", "PK\u0003\u0004 not a pfx"),
            ("request.csr", "-----BEGIN CERTIFICATE REQUEST-----\nMIICWjCCAUICAQAw\n-----END CERTIFICATE REQUEST-----\n"),
            ("request.csr", "-----BEGIN NEW CERTIFICATE REQUEST-----\n====\n-----END NEW CERTIFICATE REQUEST-----\n"),
            ("names.csv", "commonName,email\n\"unclosed,quote\nx,y,z,w,v\n"),
            ("names.csv", "\ufeff=cmd|' /C calc'!A0,@SUM(1+1)\n,\n\0,\0\n"),
            ("names.csv", string.Join("\n", Enumerable.Repeat("a,b", 5000))),
            ("empty.bin", ""),
            ("nul.bin", "\0\0\0\0"),
        ];

        public static (string Name, byte[] Bytes) Pick(Random random) => All[random.Next(All.Length)] is var (name, text) ? (name, Encoding.Latin1.GetBytes(text)) : default;
    }
}
