using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CertPortal.Acme;
using CertPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CertPortal.Tests.Acme;

/// <summary>
/// Debian's Pebble has neither ARI nor profiles, so this stands beside it: it serves Pebble's directory with a
/// <c>renewalInfo</c> URL added, and answers renewalInfo (RFC 9773 §4.2) for the certificate ids it is told about; 404
/// for others. Once told to offer profiles (draft-ietf-acme-profiles) it lists them in <c>meta.profiles</c> and
/// becomes the CA's front: every ACME request goes through it to Pebble unchanged, and it records the <c>profile</c>
/// of each newOrder, answering <c>invalidProfile</c> itself for a name it does not list or was told to refuse.
/// </summary>
/// <remarks>
/// A known profile reaches Pebble with the field still in the payload: the JWS signs the payload, so it cannot be
/// taken out, and Pebble 2.4 ignores fields it does not know. Pebble builds its URLs and checks the JWS <c>url</c> from
/// the Host header, which the proxy keeps, so orders, authorizations and downloads all come back through it.
/// </remarks>
public sealed class AriDirectorySimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, (DateTimeOffset Start, DateTimeOffset End)> _windows = [];
    private (DateTimeOffset Start, DateTimeOffset End)? _anyWindow;
    private Dictionary<string, string>? _profiles;
    private readonly Dictionary<string, string> _refused = [];
    private string _newOrderPath = "";

    private AriDirectorySimulator(WebApplication app, string baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public string BaseUrl { get; }

    public Uri DirectoryUrl => new($"{BaseUrl}/dir");

    public List<string> Asked { get; } = [];

    /// <summary>The <c>profile</c> of every newOrder that came through, null for an order without one.</summary>
    public List<string?> OrderedProfiles { get; } = [];

    public static async Task<AriDirectorySimulator> StartAsync(PebbleFixture pebble)
    {
        // HTTPS with Pebble's own TLS certificate: ACME is HTTPS only (RFC 8555 §6.1), and accounts already trust that root.
        var port = FreePort.Next();
        var baseUrl = $"https://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port,
            l => l.UseHttps(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(pebble.TlsCertificateFile, pebble.TlsKeyFile))));
        var app = builder.Build();
        var simulator = new AriDirectorySimulator(app, baseUrl);
        var http = AcmeClient.CreateHttpClient(pebble.TlsRootPem);
        app.Lifetime.ApplicationStopped.Register(http.Dispose);
        var directory = (await http.GetFromJsonAsync<JsonObject>(pebble.DirectoryUrl))!;
        directory["renewalInfo"] = $"{baseUrl}/renewal-info";
        var pebbleBase = new Uri(pebble.DirectoryUrl.ToString()).GetLeftPart(UriPartial.Authority);
        simulator._newOrderPath = new Uri(directory["newOrder"]!.GetValue<string>()).AbsolutePath;
        app.MapGet("/dir", () => Results.Json(simulator.Directory(directory, pebbleBase)));
        app.MapMethods("/{**path}", ["GET", "HEAD", "POST"], (HttpContext context) => simulator.ForwardAsync(context, http, pebbleBase));
        app.MapGet("/renewal-info/{id}", (string id, HttpResponse response) =>
        {
            lock (simulator._windows)
            {
                simulator.Asked.Add(id);
                if (!simulator._windows.TryGetValue(id, out var window))
                {
                    if (simulator._anyWindow is not { } any)
                        return Results.NotFound();
                    window = any;
                }
                response.Headers.RetryAfter = "21600";
                return Results.Json(new
                {
                    suggestedWindow = new { start = window.Start.ToString("O"), end = window.End.ToString("O") },
                    explanationURL = "https://ca.example/incident-42",
                });
            }
        });
        await app.StartAsync();
        return simulator;
    }

    /// <summary>Lists these profiles (name → description) in the directory from now on, and fronts Pebble for orders.</summary>
    public void OfferProfiles(IReadOnlyDictionary<string, string> profiles)
    {
        lock (_windows)
            _profiles = new Dictionary<string, string>(profiles);
    }

    /// <summary>Refuses orders for this listed profile with <c>invalidProfile</c> and <paramref name="detail"/> (as a CA that allows it only to some accounts).</summary>
    public void RefuseProfile(string profile, string detail)
    {
        lock (_windows)
            _refused[profile] = detail;
    }

    private JsonObject Directory(JsonObject pebbleDirectory, string pebbleBase)
    {
        var directory = (JsonObject)pebbleDirectory.DeepClone();
        lock (_windows)
        {
            if (_profiles is null)
                return directory;
            foreach (var (name, value) in pebbleDirectory)
                if (value is JsonValue text && text.TryGetValue<string>(out var url) && url.StartsWith(pebbleBase, StringComparison.Ordinal))
                    directory[name] = BaseUrl + url[pebbleBase.Length..];
            var meta = directory["meta"] as JsonObject ?? [];
            directory["meta"] = meta;
            meta["profiles"] = new JsonObject(_profiles.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        }
        return directory;
    }

    private async Task ForwardAsync(HttpContext context, HttpClient http, string pebbleBase)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        if (context.Request.Method == "POST" && context.Request.Path == _newOrderPath && Refusal(body) is { } refusal)
        {
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsJsonAsync(new { type = "urn:ietf:params:acme:error:invalidProfile", detail = refusal, status = 400 });
            return;
        }
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), pebbleBase + context.Request.Path + context.Request.QueryString);
        request.Headers.Host = context.Request.Host.Value;
        if (context.Request.Method == "POST")
        {
            // Exactly this type, without a charset: Pebble refuses anything else (RFC 8555 §6.2).
            request.Content = new StringContent(body);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/jose+json");
        }
        using var response = await http.SendAsync(request);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            if (name is not ("Transfer-Encoding" or "Content-Length"))
                context.Response.Headers[name] = values.ToArray();
        await response.Content.CopyToAsync(context.Response.Body);
    }

    /// <summary>Records a newOrder's profile; the detail to refuse it with, or null to pass it on.</summary>
    private string? Refusal(string jws)
    {
        var payload = JsonNode.Parse(Base64Url.Decode(JsonNode.Parse(jws)!["payload"]!.GetValue<string>()));
        var profile = payload?["profile"]?.GetValue<string>();
        lock (_windows)
        {
            OrderedProfiles.Add(profile);
            if (profile is null)
                return null;
            if (_refused.TryGetValue(profile, out var detail))
                return detail;
            return _profiles is { } offered && offered.ContainsKey(profile) ? null : $"Profile \"{profile}\" is not offered by this CA.";
        }
    }

    public void Suggest(string certificateId, DateTimeOffset start, DateTimeOffset end)
    {
        lock (_windows)
            _windows[certificateId] = (start, end);
    }

    /// <summary>Suggests this window for every certificate, including ones issued after this call.</summary>
    public void SuggestForAll(DateTimeOffset start, DateTimeOffset end)
    {
        lock (_windows)
            _anyWindow = (start, end);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
