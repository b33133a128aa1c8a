using CertPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CertPortal.Tests.Benchmarks;

/// <summary>
/// The floor under any answer the portal can give over HTTP on this machine: a bare Kestrel app, no logging, no
/// middleware, that reads the request body and writes the same fixed bytes to every request. What the pre-signed OCSP
/// path costs above this is the portal's own; what this costs is Kestrel's and the kernel's.
/// </summary>
public sealed class FixedBytesServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FixedBytesServer(WebApplication app, string url) => (_app, Url) = (app, url);

    public string Url { get; }

    public static async Task<FixedBytesServer> StartAsync(byte[] answer)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async http =>
        {
            var buffer = new byte[1024];
            while (await http.Request.Body.ReadAsync(buffer) > 0)
            {
            }
            http.Response.ContentType = "application/ocsp-response";
            http.Response.ContentLength = answer.Length;
            await http.Response.Body.WriteAsync(answer);
        });
        await app.StartAsync();
        return new FixedBytesServer(app, $"http://127.0.0.1:{port}/");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
