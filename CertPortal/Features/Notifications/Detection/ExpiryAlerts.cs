using CertPortal.Data;
using CertPortal.Features.Dashboard.Attention;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Notifications.Detection;

/// <summary>
/// The expiry thresholds of every expiring certificate, client certificate and CA on the worklist: each threshold
/// once per version. A certificate first seen past several thresholds gets the most urgent one; the wider ones are
/// recorded as told without a mail of their own.
/// </summary>
public sealed class ExpiryAlerts(IDbContextFactory<AppDbContext> dbFactory, AlertLedger ledger, AlertComposer compose, TimeProvider clock, ILogger<ExpiryAlerts> logger)
{
    // A failed certificate is listed as failed, with its end date: its thresholds matter most of all.
    private static readonly string[] ExpiringKinds =
    [
        AttentionKinds.CertificateExpiring, AttentionKinds.CertificateNotRenewed, AttentionKinds.CertificateFailed,
        AttentionKinds.ClientCertificateExpiring, AttentionKinds.CaExpiring,
    ];

    public async Task RaiseAsync(IReadOnlyList<AttentionItem> worklist, IReadOnlyList<int> thresholds, AlertTally tally, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var passed = worklist
            .Where(i => ExpiringKinds.Contains(i.Kind) && i.ExpiresAt > now)
            .DistinctBy(i => i.ObjectId)
            .Select(i => (Item: i, Keys: ExpiryThresholds.Passed(thresholds, (i.ExpiresAt!.Value - now) / i.ExpiryScale).Select(d => (Days: d, Key: AlertKeys.Expiring(i.ObjectId, i.ExpiresAt.Value, d))).ToList()))
            .Where(p => p.Keys.Count > 0)
            .ToList();
        if (passed.Count == 0)
            return;
        var keys = passed.SelectMany(p => p.Keys.Select(k => k.Key)).ToList();
        HashSet<string> recorded;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            // Thousands of keys on a first scan: one JSON parameter, where a list of parameters is bound one by one.
            recorded = (await db.Set<AlertState>().Where(s => EF.Parameter(keys).Contains(s.Key)).Select(s => s.Key).ToListAsync(ct)).ToHashSet();

        var toSend = new List<(AttentionItem Item, int Days, string Key)>();
        var toMark = new List<AlertState>();
        foreach (var (item, itemKeys) in passed)
        {
            var (urgentDays, urgentKey) = itemKeys[0];
            if (!recorded.Contains(urgentKey))
                toSend.Add((item, urgentDays, urgentKey));
            toMark.AddRange(itemKeys.Skip(1).Where(k => !recorded.Contains(k.Key)).Select(k => new AlertState
            {
                Key = k.Key, Kind = AlertKinds.CertificateExpiring, ObjectId = item.ObjectId, CustomerId = item.CustomerId == Guid.Empty ? null : item.CustomerId,
            }));
        }
        var opens = toSend.Select(s => (s.Key, compose.Expiring(s.Item, s.Days))).ToList();
        try
        {
            foreach (var sends in await ledger.OpenManyAsync(opens, toMark, ct))
                tally.Add(sends);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not raise {Count} expiry alert(s); the next scan tries again those not raised", opens.Count);
        }
    }
}
