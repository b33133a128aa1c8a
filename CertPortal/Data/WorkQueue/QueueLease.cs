namespace CertPortal.Data.WorkQueue;

/// <summary>Keeps a claim alive while its work runs, renewing it every third of the lease until disposed.</summary>
public sealed class QueueLease : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewing;

    private QueueLease(QueuedWorkStore store, QueueClaim claim, TimeSpan every, ILogger logger) =>
        _renewing = RenewAsync(store, claim, every, logger, _stop.Token);

    /// <summary>Cancelled when a renewal finds the claim taken up by another instance: the work must stop.</summary>
    public CancellationToken Lost => _lost.Token;

    public static QueueLease Hold(QueuedWorkStore store, QueueClaim claim, TimeSpan every, ILogger logger) => new(store, claim, every, logger);

    private async Task RenewAsync(QueuedWorkStore store, QueueClaim claim, TimeSpan every, ILogger logger, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    if (!await store.RenewAsync(claim, ct))
                    {
                        logger.LogWarning("The claim on {Kind} {SubjectId} was lost (its lease ran out and another instance took it up); its work here stops", claim.Kind, claim.SubjectId);
                        await _lost.CancelAsync();
                        return;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next tick tries again; the lease outlasts two missed renewals.
                    logger.LogWarning("Could not renew the claim on {Kind} {SubjectId}: {Reason}", claim.Kind, claim.SubjectId, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Disposed: the work is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
        _lost.Dispose();
    }
}
