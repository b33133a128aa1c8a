namespace CertPortal.Features.Notifications.Channels;

/// <summary>One channel type: the fields it needs and how it posts an alert. Never throws for a refusal: it answers with why.</summary>
public interface IChannelSender
{
    /// <summary>webhook, slack or teams.</summary>
    string Type { get; }

    /// <summary>How the page names the type.</summary>
    string Label { get; }

    IReadOnlyList<ChannelField> Fields { get; }

    /// <summary>Posts <paramref name="alert"/>; <paramref name="alertJson"/> is the alert as stored, the webhook body byte for byte.</summary>
    Task<SendResult> SendAsync(ChannelSettings settings, AlertEvent alert, string alertJson, CancellationToken ct);
}
