using CertPortal.Data;
using CertPortal.Features.Customers;
using CertPortal.Features.Settings;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Notifications;

/// <summary>
/// <see cref="IAlerts"/> as a durable queue: one row per recipient, written in one transaction and sent by the
/// <see cref="NotificationSender"/> in the background. Queuing never throws into the renewal or deployment that raised
/// the alert; what it could not queue is logged as an error.
/// </summary>
public sealed class NotificationQueue(
    IDbContextFactory<AppDbContext> dbFactory,
    ICustomerDirectory customers,
    ICustomerAlertEmails alertEmails,
    IAlertRules alertRules,
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
            var rows = await MailRowsAsync(alert, ct);
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
    private async Task<List<Notification>> MailRowsAsync(AlertEvent alert, CancellationToken ct)
    {
        var own = alert.CustomerId is { } customerId ? await alertEmails.AlertEmailsAsync(customerId, ct) : [];
        var global = (await alertRules.GetAsync(ct)).GlobalEmails;
        var (subject, text) = (AlertMail.Subject(alert, alert.CustomerName), AlertMail.Text(alert));
        return own.Concat(global).Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(address => NewRow(alert, SendChannels.Email, null, address, subject, text)).ToList();
    }

    private Notification NewRow(AlertEvent alert, string channel, Guid? channelId, string to, string subject, string body)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new Notification
        {
            Id = Guid.NewGuid(), AlertId = alert.Id, Kind = alert.Kind, CustomerId = alert.CustomerId, ObjectType = alert.ObjectType, ObjectId = alert.ObjectId,
            Channel = channel, ChannelId = channelId, To = to, Subject = subject, Body = body, Outcome = NotificationOutcomes.Pending, At = now, NextAttemptAt = now,
        };
    }
}
