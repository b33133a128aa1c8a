using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CertPortal.Acme;
using CertPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CertPortal.Tests.Acme;

/// <summary>
/// Debian's Pebble has no ARI, so this stands beside it: it serves Pebble's directory with a <c>renewalInfo</c> URL
/// added, and answers renewalInfo (RFC 9773 §4.2) for the certificate ids it is told about; 404 for others.
/// </summary>
public sealed class AriDirectorySimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, (DateTimeOffset Start, DateTimeOffset End)> _windows = [];
    private (DateTimeOffset Start, DateTimeOffset End)? _anyWindow;

    private AriDirectorySimulator(WebApplication app, string baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public string BaseUrl { get; }

    public Uri DirectoryUrl => new($"{BaseUrl}/dir");

    public List<string> Asked { get; } = [];

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
        using var http = AcmeClient.CreateHttpClient(pebble.TlsRootPem);
        var directory = (await http.GetFromJsonAsync<JsonObject>(pebble.DirectoryUrl))!;
        directory["renewalInfo"] = $"{baseUrl}/renewal-info";
        app.MapGet("/dir", () => Results.Json(directory));
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
