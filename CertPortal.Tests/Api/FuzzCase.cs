using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace CertPortal.Tests.Api;

/// <summary>One malformed request, made from the seeded random sequence; <see cref="ToString"/> says how to read it in a failure.</summary>
internal sealed record FuzzCase(WriteRoute Route, string Path, string Kind, byte[] Body, string? ContentType, bool Multipart, string? FileName)
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
                return new FuzzCase(route, path, "bad file as JSON", FuzzFiles.Pick(random).Bytes, "application/json", false, null);
            case 2:
            {
                var (name, content) = FuzzFiles.Pick(random);
                var form = FormFields(random, ids, name, content);
                return new FuzzCase(route, path, $"multipart {name}", form.Body, form.ContentType, true, name);
            }
            case 3:
            {
                var (name, content) = FuzzFiles.Pick(random);
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
