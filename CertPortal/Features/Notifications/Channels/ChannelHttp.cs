using System.Net.Http.Headers;
using System.Net.Sockets;

namespace CertPortal.Features.Notifications.Channels;

/// <summary>
/// POSTs a channel's message. Any 2xx is sent; anything else is "HTTP 500: (first 200 characters of the answer)"; no
/// answer within <see cref="Timeout"/> is "timed out". A Slack or Teams webhook URL is a secret (whoever has it can
/// post): it never appears in an error, and the client logs no request lines.
/// </summary>
public sealed class ChannelHttp(IHttpClientFactory clients)
{
    public const string ClientName = "notification-channels";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private const int MaxAnswerChars = 200;

    public async Task<SendResult> PostAsync(string url, HttpContent content, IReadOnlyDictionary<string, string> headers, CancellationToken ct)
    {
        if (!IsHttpUrl(url))
            return new SendResult(false, "The channel's URL is not an absolute http(s) URL.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
            foreach (var (name, value) in headers)
                request.Headers.Add(name, value);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                return new SendResult(true, $"HTTP {status}");
            return new SendResult(false, Scrub($"HTTP {status}: {await AnswerStartAsync(response, timeout.Token)}", url));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SendResult(false, $"timed out (no answer within {Timeout.TotalSeconds:0} s)");
        }
        catch (HttpRequestException e)
        {
            var why = e.InnerException is SocketException socket ? socket.Message : e.Message;
            return new SendResult(false, Scrub($"could not connect: {why}", url));
        }
    }

    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;

    /// <summary>JSON content as channels expect it.</summary>
    public static HttpContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static async Task<string> AnswerStartAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var buffer = new char[MaxAnswerChars];
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            var read = await reader.ReadBlockAsync(buffer, ct);
            return string.Join(' ', new string(buffer, 0, read).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return "(the answer could not be read)";
        }
    }

    // A server may echo the URL it was called on; the path and query of a Slack or Teams hook are its secret.
    private static string Scrub(string message, string url)
    {
        var uri = new Uri(url.Trim());
        message = message.Replace(url.Trim(), $"{uri.Scheme}://{uri.Authority}/…", StringComparison.OrdinalIgnoreCase);
        return uri.PathAndQuery.Length > 1 ? message.Replace(uri.PathAndQuery, "/…", StringComparison.OrdinalIgnoreCase) : message;
    }
}
