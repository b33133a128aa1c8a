namespace CertPortal.Data.WorkQueue;

/// <summary>
/// The claim under which the work of this scope runs, if any. A worker checks it in the same transaction as the write
/// that makes its work count (a stored version, a run's outcome): an instance that was paused past its lease (a VM
/// frozen, SIGSTOP, a long GC) finds that another instance took the work up, and writes nothing. Outside a queue turn
/// (a test calling a runner) there is no claim and the check passes.
/// </summary>
public sealed class HeldClaim(QueuedWorkStore store, Microsoft.EntityFrameworkCore.IDbContextFactory<AppDbContext> dbFactory)
{
    private QueueClaim? _claim;

    /// <summary>Set by the queue before the work starts.</summary>
    public void Hold(QueueClaim claim) => _claim = claim;

    /// <summary>Throws <see cref="ClaimLostException"/> when the claim is no longer this instance's: before a step with effects outside the database.</summary>
    public async Task EnsureHeldAsync(CancellationToken ct)
    {
        if (_claim is null)
            return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsureHeldAsync(db, ct);
    }

    /// <summary>
    /// Throws <see cref="ClaimLostException"/> when the claim is no longer this instance's. Inside a transaction of
    /// <paramref name="db"/>, the claim's row stays locked until it commits, so no instance can take it up meanwhile.
    /// </summary>
    public async Task EnsureHeldAsync(AppDbContext db, CancellationToken ct)
    {
        if (_claim is { } claim && !await store.StillHeldAsync(db, claim, ct))
            throw new ClaimLostException(claim);
    }
}
