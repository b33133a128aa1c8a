using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace CertPortal.Tests.Deployments;

/// <summary>
/// A device for the webhook connector: its hook takes a pushed certificate (with key) and from then on its TLS port
/// serves it; told to <see cref="IgnorePushes"/>, it answers 200 but keeps serving what it had (a silent failure
/// that only verification catches).
/// </summary>
public sealed class WebhookDevice : IAsyncDisposable
{
    private readonly WebApplication _app;
    private X509Certificate2 _served;

    private WebhookDevice(WebApplication app, int hookPort, int tlsPort, X509Certificate2 initial) =>
        (_app, HookUrl, TlsPort, _served) = (app, $"http://127.0.0.1:{hookPort}/hook", tlsPort, initial);

    public string HookUrl { get; }

    public int TlsPort { get; }

    public bool IgnorePushes { get; set; }

    public List<string> Events { get; } = [];

    /// <summary>While set, a push is received (and counted) but not answered until the task completes: a device that hangs.</summary>
    public Task? HoldPushes { get; set; }

    public static async Task<WebhookDevice> StartAsync()
    {
        var (hookPort, tlsPort) = (FreePort.Next(), FreePort.Next());
        using var key = System.Security.Cryptography.ECDsa.Create();
        var initial = new CertificateRequest("CN=factory default", key, System.Security.Cryptography.HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10));
        WebhookDevice? device = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, hookPort);
            k.Listen(IPAddress.Loopback, tlsPort, l => l.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificateSelector = (_, _) => device!._served }));
        });
        var app = builder.Build();
        device = new WebhookDevice(app, hookPort, tlsPort, initial);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            var body = JsonDocument.Parse(await new StreamReader(request.Body).ReadToEndAsync()).RootElement;
            var kind = body.GetProperty("event").GetString()!;
            lock (device.Events)
                device.Events.Add(kind);
            if (kind != "test" && device.HoldPushes is { } hold)
                await hold;
            if (kind != "test" && !device.IgnorePushes && body.TryGetProperty("keyPem", out var keyPem))
                device._served = X509Certificate2.CreateFromPem(body.GetProperty("fullchainPem").GetString(), keyPem.GetString());
            return Results.Ok();
        });
        await app.StartAsync();
        return device;
    }

    /// <summary>What a technician does on the device by hand: it serves this certificate from now on.</summary>
    public void Serve(string fullchainPem, string keyPem) => _served = X509Certificate2.CreateFromPem(fullchainPem, keyPem);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
