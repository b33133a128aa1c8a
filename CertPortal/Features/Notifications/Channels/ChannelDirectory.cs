using CertPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Notifications.Channels;

/// <summary>What the queue and the sender read of channels: which ones an alert goes to, and a channel ready to post.</summary>
public sealed class ChannelDirectory(IDbContextFactory<AppDbContext> dbFactory, ChannelSenders senders, SealedSettings sealing)
{
    /// <summary>Channels that chose <paramref name="kind"/> and serve every customer or <paramref name="customerId"/>.</summary>
    public async Task<IReadOnlyList<RoutedChannel>> RoutesAsync(string kind, Guid? customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Few channels, and their events are a JSON list: filtering here is simpler than in SQL.
        var channels = await db.Set<NotificationChannel>().AsNoTracking().Where(c => c.CustomerId == null || c.CustomerId == customerId).ToListAsync(ct);
        return channels.Where(c => c.Events.Contains(kind)).OrderBy(c => c.Name).Select(c => new RoutedChannel(c.Id, c.Type, c.Name)).ToList();
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
