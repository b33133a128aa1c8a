using System.Text;
using System.Text.Json.Nodes;

namespace CertPortal.Features.Notifications.Channels;

/// <summary>
/// A Microsoft Teams Workflows webhook ("Post to a channel when a webhook request is received"): a message with one
/// adaptive card, the title, customer and detail as text blocks and a button that opens the object in the portal.
/// </summary>
public sealed class TeamsChannel(ChannelHttp http) : IChannelSender
{
    public string Type => SendChannels.Teams;

    public string Label => "Microsoft Teams";

    public IReadOnlyList<ChannelField> Fields { get; } =
    [
        new("url", "Workflow webhook URL", "The URL the Teams workflow shows for its webhook trigger. Kept secret: whoever has it can post.", Secret: true, IsUrl: true),
    ];

    public Task<SendResult> SendAsync(ChannelSettings settings, AlertEvent alert, string alertJson, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(Payload(alert).ToJsonString());
        return http.PostAsync(settings.Value("url"), ChannelHttp.Json(body), new Dictionary<string, string>(), ct);
    }

    public static JsonObject Payload(AlertEvent alert)
    {
        var blocks = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = alert.Title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true });
        if (alert.CustomerName is { Length: > 0 } customer)
            blocks.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = customer, ["isSubtle"] = true, ["spacing"] = "None", ["wrap"] = true });
        blocks.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = alert.Detail, ["wrap"] = true });
        blocks.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = $"CertPortal · {alert.Kind}", ["isSubtle"] = true, ["size"] = "Small", ["wrap"] = true });
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = blocks,
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open in CertPortal", ["url"] = alert.Url }),
        };
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["contentUrl"] = null,
                ["content"] = card,
            }),
        };
    }
}
