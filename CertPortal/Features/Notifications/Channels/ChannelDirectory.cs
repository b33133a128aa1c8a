using CertPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Notifications.Channels;

/// <summary>What the queue and the sender read of channels: which ones an alert goes to, and a channel ready to post.</summary>
public sealed class ChannelDirectory(IDbContextFactory<AppDbContext> dbFactory, ChannelSenders senders, SealedSettings sealing)
{
    /// <summary>Every channel's routing, read once for a batch of alerts: channels are few, and their events are a JSON list.</summary>
    public async Task<ChannelRouting> RoutingAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channels = await db.Set<NotificationChannel>().AsNoTracking()
            .Select(c => new ChannelRouting.Route(c.Id, c.Type, c.Name, c.CustomerId, c.Events)).ToListAsync(ct);
        return new ChannelRouting(channels);
    }

    /// <summary>The channel's sender and unsealed settings; null when the channel or its type is gone.</summary>
    public async Task<OpenedChannel?> OpenAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.Set<NotificationChannel>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return channel is null || senders.Find(channel.Type) is not { } sender ? null : Open(channel, sender);
    }

    public OpenedChannel Open(NotificationChannel channel, IChannelSender sender) =>
        new(channel.Id, channel.Name, sender, new ChannelSettings(SealedSettings.Flatten(channel.Settings), sealing.Unseal(channel.SealedSecrets)));
}
