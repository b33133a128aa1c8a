using System.Diagnostics;
using CertPortal.Features.Dashboard.Attention;
using CertPortal.Features.Settings;
using CertPortal.Security;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.Notifications.Detection;

/// <summary>
/// The alert scan (job and "check now"): expiry thresholds, deployments waiting too long, endpoints serving something
/// else, and the daily digest. A scan for an actor limited to one customer looks at that customer only and sends no
/// digest. Each part runs even when another fails.
/// </summary>
public sealed class AlertScan(
    IAlertRules alertRules,
    IAttentionList worklist,
    ExpiryAlerts expiry,
    WaitingAlerts waiting,
    MismatchAlerts mismatches,
    DailyDigest digest,
    AlertLedger ledger,
    NotificationRetention retention,
    IOptions<DetectionOptions> options,
    ILogger<AlertScan> logger)
{
    /// <summary>Closed conditions are forgotten after this long.</summary>
    public static readonly TimeSpan KeepResolved = TimeSpan.FromDays(180);

    public async Task<AlertScanResult> RunAsync(Actor actor, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var rules = await alertRules.GetAsync(ct);
        var items = await worklist.AllAsync(actor, null, ct);
        var tally = new AlertTally();
        await PartAsync("expiry", () => expiry.RaiseAsync(items, ExpiryThresholds.Normalize(rules.ExpiryThresholdDays), tally, ct), ct);
        // Everyone's scan once; a scoped caller's once per customer of theirs.
        foreach (var scope in actor.EachCustomerOrEveryone)
        {
            await PartAsync("waiting", () => waiting.RaiseAsync(items, rules.WaitingHours, scope, tally, ct), ct);
            await PartAsync("served certificates", () => mismatches.RaiseAsync(scope, tally, ct), ct);
        }
        if (!actor.IsScoped)
        {
            await PartAsync("daily digest", () => digest.SendIfDueAsync(items, rules, tally, ct), ct);
            await PartAsync("housekeeping", () => ledger.PruneAsync(TimeSpan.FromDays(rules.WidestThresholdDays + 1), KeepResolved, ct), ct);
            await PartAsync("notification log retention", () => retention.PruneAsync(options.Value.KeepNotificationsDays, ct), ct);
        }
        logger.LogInformation("Alert scan of {Items} worklist item(s): {Alerts} alert(s), {Sent} send(s) in {ElapsedMs} ms (CustomerId {CustomerId})",
            items.Count, tally.Alerts, tally.Sent, watch.ElapsedMilliseconds, actor.SingleCustomer);
        return tally.Result;
    }

    private async Task PartAsync(string part, Func<Task> run, CancellationToken ct)
    {
        try
        {
            await run();
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "The {Part} part of the alert scan failed; the other parts went on", part);
        }
    }
}
