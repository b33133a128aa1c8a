using CertPortal.Data;
using CertPortal.Features.Customers;
using CertPortal.Features.Notifications.Channels;
using CertPortal.Features.Dashboard.Metrics;
using CertPortal.Features.Settings;
using CertPortal.Features.Settings.Smtp;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Notifications;

/// <summary>
/// <see cref="IAlerts"/> as a durable queue: one row per mail recipient and per channel that chose the alert's kind, written in one transaction and sent by the
/// <see cref="NotificationSender"/> in the background. Queuing never throws into the renewal or deployment that raised
/// the alert; what it could not queue is logged as an error.
/// </summary>
public sealed class NotificationQueue(
    IDbContextFactory<AppDbContext> dbFactory,
    ICustomerAlertEmails alertEmails,
    IAlertRules alertRules,
    ChannelDirectory channels,
    NotificationSender sender,
    IMailSender mail,
    PortalMetrics metrics,
    NotificationProgress progress,
    TimeProvider clock,
    ILogger<NotificationQueue> logger) : IAlerts
{
    public async Task<int> RaiseAsync(AlertEvent alert, CancellationToken ct) => (await RaiseManyAsync([alert], ct))[0];

    public async Task<int[]> RaiseManyAsync(IReadOnlyList<AlertEvent> alerts, CancellationToken ct)
    {
        var queued = new int[alerts.Count];
        if (alerts.Count == 0)
            return queued;
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            // Customers, global recipients and channels are read once for the whole batch, however many alerts share them.
            var customerIds = alerts.Select(a => a.CustomerId).OfType<Guid>().Distinct().ToList();
            var recipients = await alertEmails.RecipientsAsync(customerIds, ct);
            var globalEmails = (await alertRules.GetAsync(ct)).GlobalEmails;
            var routing = await channels.RoutingAsync(ct);
            var rows = new List<Notification>();
            for (var i = 0; i < alerts.Count; i++)
            {
                var alert = alerts[i];
                var customer = alert.CustomerId is { } id ? recipients.GetValueOrDefault(id) : null;
                var customerName = alert.CustomerName ?? customer?.Name;
                alert = alert with { CustomerName = customerName };
                var (subject, text) = (AlertMail.Subject(alert, customerName), AlertMail.Text(alert));
                var to = MailRecipients(customer?.AlertEmails ?? [], globalEmails);
                var own = to.Select(address => Notification.Queued(alert, SendChannels.Email, null, address, subject, text, now)).ToList();
                var json = AlertJson.Serialize(alert);
                own.AddRange(routing.For(alert.Kind, alert.CustomerId).Select(c => Notification.Queued(alert, c.Type, c.Id, c.Name, subject, json, now)));
                queued[i] = own.Count;
                rows.AddRange(own);
            }
            if (rows.Count == 0)
                return queued;
            // Without an SMTP server a mail cannot be tried: it is logged as not sent (no retries to wait through), with
            // what to do, and the notification log sends it again once SMTP is set up.
            var mails = rows.Where(r => r.Channel == SendChannels.Email).ToList();
            if (mails.Count > 0 && !await mail.IsConfiguredAsync(ct))
            {
                foreach (var row in mails)
                {
                    row.NotSendable(NotConfiguredError);
                    metrics.NotificationSent(SendChannels.Email, NotificationOutcomes.Failed);
                }
                logger.LogWarning("SMTP is not configured: {Count} alert mail(s) recorded as not sent, the first of them {Kind} for customer {CustomerId}",
                    mails.Count, mails[0].Kind, mails[0].CustomerId);
            }
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                db.AddRange(rows);
                await db.SaveChangesAsync(ct);
            }
            sender.Nudge();
            progress.Notify();
            return queued;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            foreach (var alert in alerts)
                logger.LogError(e, "Could not queue alert {AlertId} ({Kind}) on {ObjectType} {ObjectId} for customer {CustomerId}",
                    alert.Id, alert.Kind, alert.ObjectType, alert.ObjectId, alert.CustomerId);
            return new int[alerts.Count];
        }
    }

    public const string NotConfiguredError = SmtpMailer.NotConfigured + " Set it up under Settings, then send this again from here.";

    /// <summary>The customer's alert emails and the global recipients, each address once whatever its case.</summary>
    private static List<string> MailRecipients(IEnumerable<string> own, IEnumerable<string> global) =>
        own.Concat(global).Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
