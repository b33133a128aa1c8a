using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Notifications;

/// <summary>The notification log: every send with its outcome, newest first, and sending one again. Page and API call these.</summary>
public sealed class NotificationLog(
    IDbContextFactory<AppDbContext> dbFactory,
    NotificationSender sender,
    NotificationProgress progress,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<Result<PagedList<NotificationView>>> ListAsync(NotificationFilter filter, Paging paging, Actor actor, CancellationToken ct = default)
    {
        var check = new Validation();
        if (filter.Outcome is { Length: > 0 } outcome && !NotificationOutcomes.All.Contains(outcome))
            check.Add("outcome", $"Outcome must be one of: {string.Join(", ", NotificationOutcomes.All)}.");
        if (filter.Kind is { Length: > 0 } kind && !AlertKinds.All.Contains(kind))
            check.Add("kind", $"Kind must be one of: {string.Join(", ", AlertKinds.All)}.");
        if (!check.IsValid)
            return check.ToResult<PagedList<NotificationView>>();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<Notification>().AsNoTracking();
        // A token for one customer sees that customer's sends only; sends for no customer are the MSP's own.
        query = query.VisibleTo(actor, withShared: false);
        if (filter.CustomerId is { } customerId)
            query = query.Where(n => n.CustomerId == customerId);
        if (filter.Outcome is { Length: > 0 })
            query = query.Where(n => n.Outcome == filter.Outcome);
        if (filter.Kind is { Length: > 0 })
            query = query.Where(n => n.Kind == filter.Kind);
        var total = await query.CountAsync(ct);
        var items = await NotificationSort.Apply(query, filter.Sort ?? NotificationSort.Default).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return Result<PagedList<NotificationView>>.Ok(new PagedList<NotificationView>(items.Select(NotificationView.From).ToList(), total));
    }

    public async Task<Result<NotificationView>> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Set<Notification>().VisibleTo(actor, withShared: false).AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, ct);
        return row is null ? NotFound() : Result<NotificationView>.Ok(NotificationView.From(row));
    }

    /// <summary>
    /// Queues the send again, due now, with a fresh set of attempts (a waiting retry is just brought forward). The
    /// same row moves on, so the log keeps one line per send.
    /// </summary>
    public async Task<Result<NotificationView>> ResendAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Set<Notification>().VisibleTo(actor, withShared: false).SingleOrDefaultAsync(n => n.Id == id, ct);
        if (row is null)
            return NotFound();
        if (row.ChannelId is { } channelId && !await db.Set<Channels.NotificationChannel>().AnyAsync(c => c.Id == channelId, ct))
        {
            var gone = Result<NotificationView>.Conflict($"The channel '{row.To}' was deleted; this send cannot be repeated.");
            await audit.RecordAsync("notification.resend", "Notification", id.ToString(), $"Refused: {gone.Message}", AuditOutcome.Failure, row.CustomerId, ct);
            return gone;
        }
        var was = row.Outcome == NotificationOutcomes.Pending ? "waiting" : row.Outcome;
        var now = clock.GetUtcNow().UtcDateTime;
        if (row.Outcome != NotificationOutcomes.Pending)
            (row.Outcome, row.Attempts, row.Error, row.SentAt, row.ClaimedUntil) = (NotificationOutcomes.Pending, 0, null, null, null);
        row.NextAttemptAt = now;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("notification.resend", "Notification", id.ToString(), $"Queued again ({was}): {row.Kind} to {row.To}, '{row.Subject}'.", customerId: row.CustomerId, ct: ct);
        sender.Nudge();
        progress.Notify();
        return Result<NotificationView>.Ok(NotificationView.From(row));
    }


    private static Result<NotificationView> NotFound() => Result<NotificationView>.NotFound("No such notification.");
}
