using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CertPortal.Features.Targets.Connectors;
using CertPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CertPortal.Tests.Targets;

/// <summary>What a customer's webhook endpoint does: checks the HMAC signature over "timestamp.body" and keeps what it got.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, string url) => (_app, Url) = (app, url);

    public string Url { get; }

    public List<JsonElement> Received { get; } = [];

    public static async Task<WebhookReceiver> StartAsync(string secret)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}/hook";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url.Replace("/hook", ""));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, url);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            var timestamp = request.Headers[WebhookConnector.TimestampHeader].ToString();
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
            if (request.Headers[WebhookConnector.SignatureHeader].ToString() != expected)
                return Results.StatusCode(401);
            lock (receiver.Received)
                receiver.Received.Add(JsonDocument.Parse(body).RootElement.Clone());
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
