using CertPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Notifications;

/// <summary>
/// Sends what is due, in the background: every <see cref="Interval"/> and right after an alert is queued. Each row is
/// claimed in the database before it is sent, so a second pass or a second portal instance never sends it twice; a
/// few sends run at once, so one hanging mail server or webhook does not hold the others up.
/// </summary>
public sealed class NotificationSender(IServiceScopeFactory scopes, IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ILogger<NotificationSender> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(20);

    // Longer than any one send can take (mail and channels time out well before), short enough that a row held by a
    // portal that died mid-send is taken up again soon.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private const int Batch = 100;
    private const int AtOnce = 4;

    private readonly SemaphoreSlim _nudge = new(0, 1);
    private readonly SemaphoreSlim _pass = new(1, 1);

    /// <summary>Starts a pass now instead of at the next interval (an alert was just queued).</summary>
    public void Nudge()
    {
        if (_nudge.CurrentCount == 0)
            try { _nudge.Release(); } catch (SemaphoreFullException) { /* already nudged */ }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database was busy or gone for a moment: the rows stay due and a later pass takes them.
                logger.LogError(e, "A notification send pass failed");
            }
            try
            {
                await _nudge.WaitAsync(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One pass: sends every row that is due now (the first attempt or a retry whose wait is over) and answers how many
    /// this pass sent or tried. Passes in this process take turns, so when it returns, every send due before it began
    /// has its outcome.
    /// </summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await _pass.WaitAsync(ct);
        try
        {
            var total = 0;
            while (true)
            {
                var due = await DueAsync(ct);
                var claimed = 0;
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = ct }, async (id, token) =>
                {
                    if (!await ClaimAsync(id, token))
                        return;
                    Interlocked.Increment(ref claimed);
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<NotificationDelivery>().SendAsync(id, retry: true, token);
                });
                total += claimed;
                if (claimed == 0 || due.Count < Batch)
                    return total;
            }
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task<List<Guid>> DueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Notification>()
            .Where(n => n.Outcome == NotificationOutcomes.Pending && n.NextAttemptAt <= now && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .OrderBy(n => n.NextAttemptAt).Select(n => n.Id).Take(Batch).ToListAsync(ct);
    }

    /// <summary>Takes the row for this sender; false when another pass or instance already has it or it is no longer due.</summary>
    private async Task<bool> ClaimAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Notification>()
            .Where(n => n.Id == id && n.Outcome == NotificationOutcomes.Pending && n.NextAttemptAt <= now && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedUntil, now + Lease), ct) == 1;
    }
}
