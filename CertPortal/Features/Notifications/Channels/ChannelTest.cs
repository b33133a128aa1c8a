using CertPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Notifications.Channels;

/// <summary>
/// A channel's Test: a <c>test</c> event posted now, recorded in the notification log like any send. A failed test
/// is final (no retries): the admin is looking at the answer.
/// </summary>
public sealed class ChannelTest(IDbContextFactory<AppDbContext> dbFactory, NotificationDelivery delivery, PortalLinks links, TimeProvider clock)
{
    // Held for this send, so the background sender does not take it up at the same time.
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(5);

    public async Task<SendResult> SendAsync(NotificationChannel channel, string? customerName, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var alert = new AlertEvent(Guid.NewGuid(), AlertKinds.Test, now, channel.CustomerId, customerName, "NotificationChannel", channel.Id,
            $"Test of channel '{channel.Name}'", "CertPortal sent this test event to check the channel; the alerts chosen for it arrive the same way.",
            links.To("notifications/channels"));
        var row = Notification.Queued(alert, channel.Type, channel.Id, channel.Name, AlertMail.Subject(alert, customerName), AlertJson.Serialize(alert), now);
        row.ClaimedUntil = now + Hold;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Add(row);
            await db.SaveChangesAsync(ct);
        }
        return await delivery.SendAsync(row.Id, retry: false, ct);
    }
}
