using System.Security.Cryptography;
using System.Text;

namespace CertPortal.Features.Notifications.Channels;

/// <summary>
/// The generic JSON webhook of the README's API section: the alert as JSON, <c>X-CertPortal-Event: kind</c> and
/// <c>X-CertPortal-Signature: sha256=hex</c>, the HMAC-SHA256 of the raw body bytes under the signing key (its UTF-8
/// bytes), so the receiver can tell the portal's posts from anyone else's. A retry sends the same body (same id).
/// </summary>
public sealed class WebhookChannel(ChannelHttp http) : IChannelSender
{
    public const string EventHeader = "X-CertPortal-Event";
    public const string SignatureHeader = "X-CertPortal-Signature";

    public string Type => SendChannels.Webhook;

    public string Label => "Webhook (signed JSON)";

    public IReadOnlyList<ChannelField> Fields { get; } =
    [
        new("url", "URL", "Where the alert is POSTed as JSON.", IsUrl: true),
        new("signingKey", "Signing key", "Shared secret: the receiver checks X-CertPortal-Signature (HMAC-SHA256 of the body) with it.", Secret: true),
    ];

    public Task<SendResult> SendAsync(ChannelSettings settings, AlertEvent alert, string alertJson, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(alertJson);
        var headers = new Dictionary<string, string>
        {
            [EventHeader] = alert.Kind,
            [SignatureHeader] = Signature(settings.Value("signingKey"), body),
        };
        return http.PostAsync(settings.Value("url"), ChannelHttp.Json(body), headers, ct);
    }

    public static string Signature(string signingKey, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), body));
}
