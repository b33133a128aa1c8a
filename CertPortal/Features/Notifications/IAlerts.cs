namespace CertPortal.Features.Notifications;

/// <summary>
/// Hands an alert to delivery: one queued send per mail recipient and per matching channel, sent (and retried) in
/// the background, so a broken mail server or webhook never holds up the renewal or deployment that raised it.
/// Deciding whether an alert is new (sent once, again only after a recovery) is the caller's business.
/// </summary>
public interface IAlerts
{
    /// <summary>Queues the sends for <paramref name="alert"/>; returns how many were queued.</summary>
    Task<int> RaiseAsync(AlertEvent alert, CancellationToken ct);

    /// <summary>
    /// Queues the sends of many alerts at once (a scan that finds hundreds of thresholds crossed), written in one
    /// transaction; returns, per alert, how many were queued.
    /// </summary>
    Task<int[]> RaiseManyAsync(IReadOnlyList<AlertEvent> alerts, CancellationToken ct);
}
