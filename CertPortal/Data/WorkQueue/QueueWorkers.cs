using Microsoft.Extensions.Options;

namespace CertPortal.Data.WorkQueue;

/// <summary>
/// Works one kind of queued work on this instance, at most <see cref="Workers"/> at once. Work is a row
/// (<see cref="QueuedWork"/>): queued here it starts at once; queued by another instance it is found by a short poll.
/// A claim whose holder died is taken up: the slice's <see cref="MarkCutOffAsync"/> applies its rules for work cut off
/// before <see cref="WorkAsync"/> runs it again.
/// </summary>
public abstract class QueueWorkers(QueuedWorkStore store, IServiceScopeFactory scopes, IOptions<QueueOptions> options, ILogger logger) : BackgroundService
{
    private readonly QueueDoorbell _doorbell = new();

    protected abstract string Kind { get; }

    protected IServiceScopeFactory Scopes => scopes;

    protected abstract int Workers { get; }

    /// <summary>
    /// Holding the claim means nobody else works the subject, so whatever the database shows as under way for it was
    /// cut off (a dead instance, a restart): marked so, and left to be worked again.
    /// </summary>
    protected abstract Task MarkCutOffAsync(Guid subjectId, CancellationToken ct);

    /// <summary>Works one subject with the services of a scope of its own.</summary>
    protected abstract Task WorkAsync(IServiceProvider services, Guid subjectId, CancellationToken ct);

    /// <summary>At start: queues what the database shows as open but has no row (work from before rows were kept).</summary>
    protected abstract Task QueueOpenWorkAsync(CancellationToken ct);

    /// <summary>Queues a subject; with <paramref name="again"/>, one being worked now gets another turn after this one.</summary>
    protected async Task EnqueueAsync(Guid subjectId, Guid lockKey, bool again, CancellationToken ct)
    {
        await store.EnqueueAsync(Kind, subjectId, lockKey, again, ct);
        _doorbell.Ring();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await store.MarkEarlierClaimsDeadAsync(Kind, stoppingToken);
        await QueueOpenWorkAsync(stoppingToken);
        var slots = new SemaphoreSlim(Workers, Workers);
        var working = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var rung = _doorbell.Next;
                if (await TryClaimAsync(stoppingToken) is { } claim)
                {
                    working.RemoveAll(t => t.IsCompleted);
                    working.Add(Task.Run(() => HoldAndWorkAsync(claim, slots, stoppingToken), CancellationToken.None));
                    continue;
                }
                slots.Release();
                await Task.WhenAny(rung, Task.Delay(options.Value.PollMilliseconds, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: runs under way end below.
        }
        await Task.WhenAll(working);
    }

    private async Task<QueueClaim?> TryClaimAsync(CancellationToken ct)
    {
        try
        {
            return await store.ClaimAsync(Kind, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database away for a moment: the next poll tries again.
            logger.LogWarning("Could not look for queued {Kind} work: {Reason}", Kind, e.Message);
            return null;
        }
    }

    private async Task HoldAndWorkAsync(QueueClaim claim, SemaphoreSlim slots, CancellationToken ct)
    {
        var (cutOff, lost) = (false, false);
        var lease = QueueLease.Hold(store, claim, options.Value.RenewEvery, logger);
        try
        {
            if (claim.PreviousHolder is { } previous)
                logger.LogInformation("Taking up {Kind} {SubjectId} from {Instance}, whose claim ran out", Kind, claim.SubjectId, previous);
            using var work = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
            await MarkCutOffAsync(claim.SubjectId, work.Token);
            await using var scope = Scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<HeldClaim>().Hold(claim);
            await WorkAsync(scope.ServiceProvider, claim.SubjectId, work.Token);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping mid-run: what is under way stays so in the database and is taken up as cut off.
            cutOff = true;
        }
        catch (Exception e) when (e is ClaimLostException || e is OperationCanceledException && lease.Lost.IsCancellationRequested)
        {
            // Paused past the lease (a frozen VM, SIGSTOP): another instance works it now; the row is no longer ours to end.
            logger.LogWarning("Stopped {Kind} {SubjectId}: its claim was taken up by another instance, which works it now", Kind, claim.SubjectId);
            lost = true;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Queued {Kind} {SubjectId} failed unexpectedly", Kind, claim.SubjectId);
        }
        await lease.DisposeAsync();
        try
        {
            if (cutOff)
                await store.ReleaseCutOffAsync(claim, CancellationToken.None);
            else if (!lost)
                await store.FinishAsync(claim, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The row stays claimed; its lease runs out and it is worked again.
            logger.LogWarning("Could not end the claim on {Kind} {SubjectId}: {Reason}", Kind, claim.SubjectId, e.Message);
        }
        finally
        {
            slots.Release();
            // A lock key is free again, or the row is back for another turn.
            _doorbell.Ring();
        }
    }
}
