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
    ICustomerDirectory customers,
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
            // Customers, recipients and routes are looked up once per customer (and kind), however many alerts share them.
            var names = new Dictionary<Guid, string?>();
            var recipients = new Dictionary<Guid, List<string>>();
            var routes = new Dictionary<(string, Guid?), IReadOnlyList<RoutedChannel>>();
            var rows = new List<Notification>();
            for (var i = 0; i < alerts.Count; i++)
            {
                var alert = alerts[i];
                var customerName = alert.CustomerName ?? (alert.CustomerId is { } id ? await CachedAsync(names, id, async () => (await customers.FindAsync(id, ct))?.Name) : null);
                alert = alert with { CustomerName = customerName };
                var (subject, text) = (AlertMail.Subject(alert, customerName), AlertMail.Text(alert));
                var to = await CachedAsync(recipients, alert.CustomerId ?? Guid.Empty, () => MailRecipientsAsync(alert.CustomerId, ct));
                var own = to.Select(address => Notification.Queued(alert, SendChannels.Email, null, address, subject, text, now)).ToList();
                var json = AlertJson.Serialize(alert);
                var channelRoutes = await CachedAsync(routes, (alert.Kind, alert.CustomerId), () => channels.RoutesAsync(alert.Kind, alert.CustomerId, ct));
                own.AddRange(channelRoutes.Select(c => Notification.Queued(alert, c.Type, c.Id, c.Name, subject, json, now)));
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

    private static async Task<TValue> CachedAsync<TKey, TValue>(Dictionary<TKey, TValue> cache, TKey key, Func<Task<TValue>> load) where TKey : notnull
    {
        if (!cache.TryGetValue(key, out var value))
            cache[key] = value = await load();
        return value;
    }

    /// <summary>The customer's alert emails and the global recipients, each address once whatever its case.</summary>
    private async Task<List<string>> MailRecipientsAsync(Guid? customerId, CancellationToken ct)
    {
        var own = customerId is { } id ? await alertEmails.AlertEmailsAsync(id, ct) : [];
        var global = (await alertRules.GetAsync(ct)).GlobalEmails;
        return own.Concat(global).Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
