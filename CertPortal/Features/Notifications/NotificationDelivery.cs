using CertPortal.Data;
using CertPortal.Features.Dashboard.Metrics;
using CertPortal.Features.Notifications.Channels;
using CertPortal.Features.Settings.Smtp;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Notifications;

/// <summary>
/// Sends one claimed row and records how it went: sent, or the error and when the next attempt is due (see
/// <see cref="RetrySchedule"/>), or failed for good. Every failed attempt is a structured Warning in the application
/// log. Never throws for a refusal: a mail server or webhook that is down is an outcome, not an exception.
/// </summary>
public sealed class NotificationDelivery(
    IDbContextFactory<AppDbContext> dbFactory,
    IMailSender mail,
    ChannelDirectory channels,
    NotificationProgress progress,
    PortalMetrics metrics,
    TimeProvider clock,
    ILogger<NotificationDelivery> logger)
{
    // MailKit waits minutes for a server that accepts the connection and then says nothing.
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Sends <paramref name="id"/> once. With <paramref name="retry"/> a failure waits for the next attempt while
    /// attempts are left; without it (a channel's Test) a failure is final.
    /// </summary>
    public async Task<SendResult> SendAsync(Guid id, bool retry, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Set<Notification>().SingleOrDefaultAsync(n => n.Id == id, ct);
        if (row is null)
            return new SendResult(false, "The notification no longer exists.");
        var result = await TrySendAsync(row, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        (row.Attempts, row.LastAttemptAt, row.ClaimedUntil) = (row.Attempts + 1, now, null);
        if (result.Ok)
            (row.Outcome, row.SentAt, row.NextAttemptAt, row.Error) = (NotificationOutcomes.Sent, now, null, null);
        else
        {
            var wait = retry && !result.Final ? RetrySchedule.After(row.Attempts) : null;
            (row.Outcome, row.NextAttemptAt, row.Error) = (wait is null ? NotificationOutcomes.Failed : NotificationOutcomes.Pending, now + wait, Shorten(result.Message));
            logger.LogWarning("Notification {NotificationId} ({Kind}) through {Channel} to {To} for customer {CustomerId} failed on attempt {Attempt} of {MaxAttempts}: {Error}; next attempt {NextAttemptAt}",
                row.Id, row.Kind, row.Channel, row.To, row.CustomerId, row.Attempts, retry && !result.Final ? RetrySchedule.MaxAttempts : row.Attempts, row.Error,
                row.NextAttemptAt is { } next ? next.ToString("O") : "none, failed for good");
        }
        await db.SaveChangesAsync(CancellationToken.None);
        // Every attempt counts: a retried failure is a failure the operator should see on the graph.
        metrics.NotificationSent(row.Channel, result.Ok ? NotificationOutcomes.Sent : NotificationOutcomes.Failed);
        progress.Notify();
        return result;
    }

    private async Task<SendResult> TrySendAsync(Notification row, CancellationToken ct)
    {
        try
        {
            return row.Channel switch
            {
                SendChannels.Email => await SendMailAsync(row, ct),
                _ => await PostAsync(row, ct),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // What no sender expected still ends this attempt, with its type and message (senders never put secrets in them).
            logger.LogError(e, "Notification {NotificationId} failed unexpectedly", row.Id);
            return new SendResult(false, $"Unexpected failure ({e.GetType().Name}): {e.Message}");
        }
    }

    private async Task<SendResult> PostAsync(Notification row, CancellationToken ct) =>
        row.ChannelId is { } channelId && await channels.OpenAsync(channelId, ct) is { } channel
            ? await channel.Sender.SendAsync(channel.Settings, AlertJson.Deserialize(row.Body), row.Body, ct)
            : new SendResult(false, "The channel no longer exists.");

    private async Task<SendResult> SendMailAsync(Notification row, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(MailTimeout);
        try
        {
            var sent = await mail.SendAsync(AlertMail.Content(row.To, row.Subject, row.Body), timeout.Token);
            return new SendResult(sent.Ok, sent.Message, sent.Final);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SendResult(false, $"The mail server did not answer within {MailTimeout.TotalSeconds:0} s (timed out).");
        }
    }

    private static string Shorten(string error) => error.Length <= Notification.MaxErrorLength ? error : error[..(Notification.MaxErrorLength - 1)] + "…";
}
