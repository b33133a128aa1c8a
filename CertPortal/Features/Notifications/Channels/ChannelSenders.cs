namespace CertPortal.Features.Notifications.Channels;

/// <summary>The channel types there are, found by name.</summary>
public sealed class ChannelSenders(IEnumerable<IChannelSender> senders)
{
    public IReadOnlyList<IChannelSender> All { get; } = senders.OrderBy(s => Array.IndexOf(SendChannels.ChannelTypes, s.Type)).ToList();

    /// <summary>Each type's label, so the channel list orders by what it shows.</summary>
    public IReadOnlyDictionary<string, string> Labels => All.ToDictionary(s => s.Type, s => s.Label);

    public IChannelSender? Find(string? type) => All.FirstOrDefault(s => string.Equals(s.Type, type?.Trim(), StringComparison.OrdinalIgnoreCase));
}
