using CertPortal.Data;
using CertPortal.Features.Customers;
using CertPortal.Features.Notifications.Channels;
using CertPortal.Features.Settings;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Notifications;

/// <summary>
/// <see cref="IAlerts"/> as a durable queue: one row per mail recipient and per channel that chose the alert's kind, written in one transaction and sent by the
/// <see cref="NotificationSender"/> in the background. Queuing never throws into the renewal or deployment that raised
/// the alert; what it could not queue is logged as an error.
/// </summary>
public sealed class NotificationQueue(
    IDbContextFactory<AppDbContext> dbFactory,
    ICustomerDirectory customers,
    ICustomerAlertEmails alertEmails,
    IAlertRules alertRules,
    ChannelDirectory channels,
    NotificationSender sender,
    NotificationProgress progress,
    TimeProvider clock,
    ILogger<NotificationQueue> logger) : IAlerts
{
    public async Task<int> RaiseAsync(AlertEvent alert, CancellationToken ct)
    {
        try
        {
            var customerName = alert.CustomerName ?? (alert.CustomerId is { } id ? (await customers.FindAsync(id, ct))?.Name : null);
            alert = alert with { CustomerName = customerName };
            var now = clock.GetUtcNow().UtcDateTime;
            var (subject, text) = (AlertMail.Subject(alert, customerName), AlertMail.Text(alert));
            var rows = (await MailRecipientsAsync(alert.CustomerId, ct)).Select(to => Notification.Queued(alert, SendChannels.Email, null, to, subject, text, now)).ToList();
            var json = AlertJson.Serialize(alert);
            rows.AddRange((await channels.RoutesAsync(alert.Kind, alert.CustomerId, ct)).Select(c => Notification.Queued(alert, c.Type, c.Id, c.Name, subject, json, now)));
            if (rows.Count == 0)
                return 0;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                db.AddRange(rows);
                await db.SaveChangesAsync(ct);
            }
            sender.Nudge();
            progress.Notify();
            return rows.Count;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Could not queue alert {AlertId} ({Kind}) on {ObjectType} {ObjectId} for customer {CustomerId}",
                alert.Id, alert.Kind, alert.ObjectType, alert.ObjectId, alert.CustomerId);
            return 0;
        }
    }

    /// <summary>The customer's alert emails and the global recipients, each address once whatever its case.</summary>
    private async Task<List<string>> MailRecipientsAsync(Guid? customerId, CancellationToken ct)
    {
        var own = customerId is { } id ? await alertEmails.AlertEmailsAsync(id, ct) : [];
        var global = (await alertRules.GetAsync(ct)).GlobalEmails;
        return own.Concat(global).Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
