using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CertPortal.Tests.Notifications;

/// <summary>
/// A customer's endpoint for alert channels, in the test process on a loopback port: it keeps every POST (path, raw
/// body, headers) and, given a signing key, checks <c>X-CertPortal-Signature</c> as a real receiver would (401 when
/// it does not match). Told to, it answers 500 or hangs without answering.
/// </summary>
public sealed class AlertReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<ReceivedPost> _posts = [];

    private AlertReceiver(WebApplication app, int port) => (_app, BaseUrl) = (app, $"http://127.0.0.1:{port}");

    public string BaseUrl { get; }

    /// <summary>The key the receiver checks signatures with; null checks none.</summary>
    public string? SigningKey { get; set; }

    public ReceiverAnswer Answer { get; set; } = ReceiverAnswer.Ok;

    public IReadOnlyList<ReceivedPost> Posts
    {
        get
        {
            lock (_posts)
                return [.. _posts];
        }
    }

    public string Url(string path = "/hook") => BaseUrl + path;

    public static async Task<AlertReceiver> StartAsync(string? signingKey = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new AlertReceiver(app, port) { SigningKey = signingKey };
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> posts arrived.</summary>
    public async Task<IReadOnlyList<ReceivedPost>> WaitForPostsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (Posts.Count < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{Posts.Count} of {count} posts arrived at {BaseUrl}.");
            await Task.Delay(50);
        }
        return Posts;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var signature = request.Headers["X-CertPortal-Signature"].ToString();
        var valid = SigningKey is not null && signature == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningKey), body));
        var post = new ReceivedPost(request.Path + request.QueryString, body, request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), valid);
        lock (_posts)
            _posts.Add(post);
        switch (Answer)
        {
            case ReceiverAnswer.Hang:
                using (var both = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted, _stopping.Token))
                    await Task.Delay(Timeout.Infinite, both.Token).ContinueWith(_ => { });
                return Results.Ok();
            case ReceiverAnswer.ServerError:
                // Echoes the path as careless servers do: a Slack or Teams path is a secret the portal must not repeat.
                return Results.Text($"upstream database is down for {request.Path}\nretry later " + new string('x', 300), statusCode: 500);
        }
        if (SigningKey is not null && !valid)
            return Results.Text("bad signature", statusCode: 401);
        return Results.Ok();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
