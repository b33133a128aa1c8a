using System.Text;
using System.Text.Json.Nodes;

namespace CertPortal.Features.Notifications.Channels;

/// <summary>A Slack incoming webhook: <c>text</c> for notifications and old clients, blocks with the linked title for the channel.</summary>
public sealed class SlackChannel(ChannelHttp http) : IChannelSender
{
    public string Type => SendChannels.Slack;

    public string Label => "Slack";

    public IReadOnlyList<ChannelField> Fields { get; } =
    [
        new("url", "Incoming webhook URL", "From the Slack app's Incoming Webhooks page (https://hooks.slack.com/services/…). Kept secret: whoever has it can post.", Secret: true, IsUrl: true),
    ];

    public Task<SendResult> SendAsync(ChannelSettings settings, AlertEvent alert, string alertJson, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(Payload(alert).ToJsonString());
        return http.PostAsync(settings.Value("url"), ChannelHttp.Json(body), new Dictionary<string, string>(), ct);
    }

    public static JsonObject Payload(AlertEvent alert)
    {
        var who = alert.CustomerName is { Length: > 0 } name ? $"{name}: " : "";
        return new JsonObject
        {
            ["text"] = $"{who}{alert.Title}",
            ["blocks"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "section",
                    ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = $"*<{alert.Url}|{Escape(who + alert.Title).Replace("|", "/")}>*\n{Escape(alert.Detail)}" },
                },
                new JsonObject
                {
                    ["type"] = "context",
                    ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = Escape($"CertPortal · {alert.Kind}") }),
                }),
        };
    }

    // Slack reads &, < and > as markup in mrkdwn text.
    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
