namespace CertPortal.Features.Notifications.Channels;

/// <summary>A channel ready to post: its sender and unsealed settings.</summary>
public sealed record OpenedChannel(Guid Id, string Name, IChannelSender Sender, ChannelSettings Settings);
