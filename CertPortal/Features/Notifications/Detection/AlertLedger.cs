using System.Text;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Notifications.Detection;

/// <summary>
/// Decides whether an alert is new: an alert is raised only by the caller that opens its key, so a condition is told
/// once until it is resolved, however many scans, runs or portal instances see it at the same time.
/// </summary>
public sealed class AlertLedger(IDbContextFactory<AppDbContext> dbFactory, IAlerts alerts, TimeProvider clock)
{
    /// <summary>
    /// Opens <paramref name="key"/> and raises <paramref name="alert"/>; nothing when the key is open already.
    /// Returns the sends queued, or null when nothing was raised. If delivery cannot take the alert the key is not
    /// kept open, so the next scan or failure raises it again.
    /// </summary>
    public async Task<int?> OpenAsync(string key, AlertEvent alert, CancellationToken ct)
    {
        if (!await TryOpenAsync(key, alert.Kind, alert.ObjectId, alert.CustomerId, alert.Id, ct))
            return null;
        try
        {
            return await alerts.RaiseAsync(alert, ct);
        }
        catch
        {
            await ForgetAsync(key, alert.Id);
            throw;
        }
    }

    /// <summary>Opens <paramref name="key"/> without raising anything (e.g. the daily digest, sent its own way); false when it is open already.</summary>
    public async Task<bool> TryOpenAsync(string key, string kind, Guid objectId, Guid? customerId, Guid? alertId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A resolved condition that is back: whoever flips it from resolved to open raises it.
        var reopened = await db.Set<AlertState>().Where(s => s.Key == key && s.ResolvedAt != null).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.ResolvedAt, (DateTime?)null).SetProperty(a => a.OpenedAt, now).SetProperty(a => a.LastAlertId, alertId), ct);
        if (reopened > 0)
            return true;
        var state = new AlertState { Key = key, Kind = kind, ObjectId = objectId, CustomerId = customerId, LastAlertId = alertId };
        return (await InsertManyAsync(db, [state], now, ct)).Count == 1;
    }

    /// <summary>
    /// Many at once (a scan's new expiry thresholds), in one transaction: opens the keys of <paramref name="opens"/>
    /// that nobody holds yet and raises their alerts; records <paramref name="marks"/> as told without raising
    /// anything (wider thresholds a first scan finds already passed). Returns, per open, the sends queued or null.
    /// </summary>
    public async Task<int?[]> OpenManyAsync(IReadOnlyList<(string Key, AlertEvent Alert)> opens, IReadOnlyCollection<AlertState> marks, CancellationToken ct)
    {
        var raised = new int?[opens.Count];
        if (opens.Count == 0 && marks.Count == 0)
            return raised;
        var now = clock.GetUtcNow().UtcDateTime;
        var won = new bool[opens.Count];
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var opened = await InsertManyAsync(db, opens.Select(o => new AlertState
            {
                Key = o.Key, Kind = o.Alert.Kind, ObjectId = o.Alert.ObjectId, CustomerId = o.Alert.CustomerId, LastAlertId = o.Alert.Id,
            }).Concat(marks).ToList(), now, ct);
            // A key given twice is raised once: by its first open.
            for (var i = 0; i < opens.Count; i++)
                won[i] = opened.Remove(opens[i].Key);
            await transaction.CommitAsync(ct);
        }
        var winners = Enumerable.Range(0, opens.Count).Where(i => won[i]).ToList();
        int[] queued;
        try
        {
            queued = await alerts.RaiseManyAsync(winners.Select(i => opens[i].Alert).ToList(), ct);
        }
        catch
        {
            // Delivery failed: the alerts are left for the next scan.
            foreach (var i in winners)
                await ForgetAsync(opens[i].Key, opens[i].Alert.Id);
            throw;
        }
        for (var w = 0; w < winners.Count; w++)
            raised[winners[w]] = queued[w];
        return raised;
    }

    /// <summary>
    /// Closes those of <paramref name="keys"/> that are open and, when it closed any and <paramref name="recovery"/>
    /// is given, raises it. Returns the sends queued (0 when nothing was open or nothing is to be raised).
    /// </summary>
    public async Task<int> ResolveAsync(IReadOnlyCollection<string> keys, AlertEvent? recovery, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var closed = await db.Set<AlertState>().Where(s => keys.Contains(s.Key) && s.ResolvedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ResolvedAt, now), ct);
        return closed > 0 && recovery is not null ? await alerts.RaiseAsync(recovery, ct) : 0;
    }

    /// <summary>Closes every open key that starts with <paramref name="prefix"/>, silently (e.g. the thresholds of a version a renewal replaced).</summary>
    public async Task<int> ResolvePrefixAsync(string prefix, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<AlertState>().Where(s => s.Key.StartsWith(prefix) && s.ResolvedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ResolvedAt, now), ct);
    }

    /// <summary>Undoes an open whose alert delivery could not take, so it is raised again later.</summary>
    public async Task ForgetAsync(string key, Guid alertId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Set<AlertState>().Where(s => s.Key == key && s.LastAlertId == alertId).ExecuteDeleteAsync();
    }

    /// <summary>
    /// Housekeeping: expiry thresholds recorded more than <paramref name="expiryWindow"/> ago belong to certificates
    /// now expired (they are closed), and closed conditions are forgotten after <paramref name="keep"/>.
    /// </summary>
    public async Task PruneAsync(TimeSpan expiryWindow, TimeSpan keep, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (openedBefore, resolvedBefore) = (now - expiryWindow, now - keep);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Set<AlertState>().Where(s => s.Kind == AlertKinds.CertificateExpiring && s.ResolvedAt == null && s.OpenedAt < openedBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ResolvedAt, now), ct);
        await db.Set<AlertState>().Where(s => s.ResolvedAt < resolvedBefore).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Inserts the states whose key nobody holds and returns the keys this call inserted. The unique key decides: a key
    /// someone else holds, open or closed, inserts nothing, and no error is raised or logged. Several rows go to a
    /// statement (thousands on a first scan); sixteen measured fastest, because the provider binds each parameter by a
    /// search through the statement's names, so very long statements cost more than they save.
    /// </summary>
    private static async Task<HashSet<string>> InsertManyAsync(AppDbContext db, IReadOnlyList<AlertState> states, DateTime now, CancellationToken ct)
    {
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in states.DistinctBy(s => s.Key).Chunk(16))
        {
            var sql = new StringBuilder("""INSERT INTO "AlertStates" ("Id", "Key", "Kind", "ObjectId", "CustomerId", "OpenedAt", "ResolvedAt", "LastAlertId") VALUES """);
            var values = new List<object>(chunk.Length * 7);
            foreach (var state in chunk)
            {
                var p = values.Count;
                sql.Append(p == 0 ? "" : ", ").Append($"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}}, {{{p + 5}}}, NULL, {{{p + 6}}})");
                values.AddRange([Guid.NewGuid(), state.Key, state.Kind, state.ObjectId, (object?)state.CustomerId ?? DBNull.Value, now, (object?)state.LastAlertId ?? DBNull.Value]);
            }
            sql.Append(""" ON CONFLICT ("Key") DO NOTHING RETURNING "Key" AS "Value" """);
            inserted.UnionWith(await db.Database.SqlQueryRaw<string>(sql.ToString(), values.ToArray()).ToListAsync(ct));
        }
        return inserted;
    }
}
