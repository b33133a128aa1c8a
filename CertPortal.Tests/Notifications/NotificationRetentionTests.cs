using CertPortal.Data;
using CertPortal.Features.Notifications;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Notifications.Detection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Notifications;

/// <summary>The alert scan's housekeeping deletes sends that ended more than a year ago, and never a pending one.</summary>
public sealed class NotificationRetentionTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Sends_that_ended_over_a_year_ago_are_deleted_and_pending_or_recent_ones_are_kept()
    {
        var now = _portal.Clock.GetUtcNow().UtcDateTime;
        var oldSent = Send(now.AddDays(-400), NotificationOutcomes.Sent, null);
        var oldFailed = Send(now.AddDays(-366), NotificationOutcomes.Failed, null);
        var oldPending = Send(now.AddDays(-500), NotificationOutcomes.Pending, now.AddDays(30)); // not due: the sender leaves it be
        var recentSent = Send(now.AddDays(-364), NotificationOutcomes.Sent, null);
        await _portal.InScopeAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            db.AddRange(oldSent, oldFailed, oldPending, recentSent);
            return await db.SaveChangesAsync();
        });
        var admin = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));

        await admin.CheckAsync();

        var left = await _portal.InScopeAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            return await db.Set<Notification>().Select(n => n.Id).ToListAsync();
        });
        Assert.Equal(new[] { oldPending.Id, recentSent.Id }.Order(), left.Order());
    }

    private Notification Send(DateTime at, string outcome, DateTime? nextAttemptAt)
    {
        var alert = _portal.Expiring(null, $"retention-{Guid.NewGuid():N}.example.test", 10) with { At = at };
        var send = Notification.Queued(alert, SendChannels.Email, null, "ops@msp.test", "subject", "text", at);
        send.Outcome = outcome;
        send.NextAttemptAt = nextAttemptAt;
        send.SentAt = outcome == NotificationOutcomes.Sent ? at : null;
        return send;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();
}
