using System.Text;
using CertPortal.Data;
using CertPortal.Features.Dashboard.Attention;
using CertPortal.Features.Settings;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Notifications.Detection;

/// <summary>
/// Once a day, from the rules' hour (UTC) on: one mail to each global recipient with the whole worklist, most urgent
/// first. It is no alert (no customer's recipients, no channels), so it is queued as mail sends of its own kind:
/// sent and retried by the notification sender, and listed in the notification log like any send.
/// </summary>
public sealed class DailyDigest(
    IDbContextFactory<AppDbContext> dbFactory,
    AlertLedger ledger,
    PortalLinks links,
    NotificationSender sender,
    NotificationProgress progress,
    TimeProvider clock,
    ILogger<DailyDigest> logger)
{
    public const string Kind = AlertState.DigestKind;
    public const int MaxLines = 200;

    public async Task SendIfDueAsync(IReadOnlyList<AttentionItem> worklist, AlertRules rules, AlertTally tally, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var to = rules.GlobalEmails.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (!rules.DailyDigest || to.Count == 0 || now.Hour < rules.DigestHourUtc)
            return;
        var key = AlertKeys.Digest(now.Date);
        var digestId = Guid.NewGuid();
        if (!await ledger.TryOpenAsync(key, Kind, Guid.Empty, null, digestId, ct))
            return;
        try
        {
            var (subject, text) = Compose(worklist, now);
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                db.AddRange(to.Select(address => new Notification
                {
                    Id = Guid.NewGuid(), AlertId = digestId, Kind = Kind, ObjectType = Kind, Channel = SendChannels.Email, To = address,
                    Subject = subject, Body = text, Outcome = NotificationOutcomes.Pending, At = now, NextAttemptAt = now,
                }));
                await db.SaveChangesAsync(ct);
            }
            sender.Nudge();
            progress.Notify();
            tally.AddMails(to.Count);
            logger.LogInformation("Daily digest of {Items} worklist item(s) queued for {Recipients} recipient(s)", worklist.Count, to.Count);
        }
        catch
        {
            await ledger.ForgetAsync(key, digestId);
            throw;
        }
    }

    /// <summary>The digest's subject and plain-text body: one line per item, with its link.</summary>
    public (string Subject, string Text) Compose(IReadOnlyList<AttentionItem> items, DateTime at)
    {
        var critical = items.Count(i => i.Severity == AttentionKinds.Critical);
        var subject = items.Count == 0
            ? $"{AlertMail.SubjectPrefix} Daily digest {at:yyyy-MM-dd}: nothing needs attention"
            : $"{AlertMail.SubjectPrefix} Daily digest {at:yyyy-MM-dd}: {items.Count} item(s) need attention, {critical} critical";
        var text = new StringBuilder();
        if (items.Count == 0)
            text.AppendLine("Nothing needs attention today.");
        foreach (var item in items.Take(MaxLines))
            text.AppendLine($"- [{item.Severity}] {item.CustomerName}: {item.Title}. {item.Detail}").AppendLine($"  {links.To(item.Url)}");
        if (items.Count > MaxLines)
            text.AppendLine($"… and {items.Count - MaxLines} more.");
        text.AppendLine().AppendLine($"Open the dashboard: {links.To("")}");
        return (subject, text.ToString());
    }
}
