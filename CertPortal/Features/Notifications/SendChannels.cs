namespace CertPortal.Features.Notifications;

/// <summary>What a send goes through: mail, or one of the channel types an admin sets up.</summary>
public static class SendChannels
{
    public const string Email = "email";
    public const string Webhook = "webhook";
    public const string Slack = "slack";
    public const string Teams = "teams";

    public static readonly string[] ChannelTypes = [Webhook, Slack, Teams];
}
