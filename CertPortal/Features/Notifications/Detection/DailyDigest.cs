using System.Net;
using System.Text;
using CertPortal.Features.Dashboard.Attention;
using CertPortal.Features.Settings;
using CertPortal.Features.Settings.Smtp;

namespace CertPortal.Features.Notifications.Detection;

/// <summary>
/// Once a day, from the rules' hour (UTC) on: one mail to the global recipients with the whole worklist, most urgent
/// first. Sent straight through the mail sender (it is no alert: no customer's recipients, no channels); a day's
/// digest is recorded so it goes once, and a failed send is tried again at the next scan.
/// </summary>
public sealed class DailyDigest(IMailSender mail, AlertLedger ledger, PortalLinks links, TimeProvider clock, ILogger<DailyDigest> logger)
{
    public const int MaxLines = 200;

    public async Task SendIfDueAsync(IReadOnlyList<AttentionItem> worklist, AlertRules rules, AlertTally tally, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!rules.DailyDigest || rules.GlobalEmails.Count == 0 || now.Hour < rules.DigestHourUtc)
            return;
        var key = AlertKeys.Digest(now.Date);
        var digestId = Guid.NewGuid();
        if (!await ledger.TryOpenAsync(key, AlertState.DigestKind, Guid.Empty, null, digestId, ct))
            return;
        MailSendResult result;
        try
        {
            result = await mail.SendAsync(Compose(worklist, rules.GlobalEmails, now), ct);
        }
        catch
        {
            await ledger.ForgetAsync(key, digestId);
            throw;
        }
        if (result.Ok)
        {
            tally.AddMail();
            logger.LogInformation("Daily digest of {Items} item(s) sent to {Recipients} recipient(s)", worklist.Count, rules.GlobalEmails.Count);
            return;
        }
        await ledger.ForgetAsync(key, digestId);
        logger.LogWarning("The daily digest could not be sent, tried again at the next scan: {Reason}", result.Message);
    }

    public MailContent Compose(IReadOnlyList<AttentionItem> items, IReadOnlyList<string> to, DateTime at)
    {
        var critical = items.Count(i => i.Severity == AttentionKinds.Critical);
        var subject = items.Count == 0
            ? $"CertPortal daily digest {at:yyyy-MM-dd}: nothing needs attention"
            : $"CertPortal daily digest {at:yyyy-MM-dd}: {items.Count} item(s) need attention, {critical} critical";
        var text = new StringBuilder();
        var html = new StringBuilder("<h2>").Append(WebUtility.HtmlEncode(subject)).Append("</h2>");
        if (items.Count == 0)
        {
            text.AppendLine("Nothing needs attention today.");
            html.Append("<p>Nothing needs attention today.</p>");
        }
        else
        {
            html.Append("<table cellpadding=\"4\"><tr><th align=\"left\">Severity</th><th align=\"left\">Customer</th><th align=\"left\">What</th><th align=\"left\">Since</th></tr>");
            foreach (var item in items.Take(MaxLines))
            {
                var url = links.To(item.Url);
                text.AppendLine($"[{item.Severity}] {item.CustomerName}: {item.Title}. {item.Detail} {url}");
                html.Append("<tr><td>").Append(item.Severity).Append("</td><td>").Append(WebUtility.HtmlEncode(item.CustomerName))
                    .Append("</td><td><a href=\"").Append(WebUtility.HtmlEncode(url)).Append("\">").Append(WebUtility.HtmlEncode(item.Title)).Append("</a><br>")
                    .Append(WebUtility.HtmlEncode(item.Detail)).Append("</td><td>").Append($"{item.Since:yyyy-MM-dd HH:mm} UTC").Append("</td></tr>");
            }
            html.Append("</table>");
        }
        if (items.Count > MaxLines)
        {
            text.AppendLine($"… and {items.Count - MaxLines} more: {links.To("")}");
            html.Append("<p>… and ").Append(items.Count - MaxLines).Append(" more in the portal.</p>");
        }
        return new MailContent(to, subject, text.ToString(), html.ToString());
    }
}
