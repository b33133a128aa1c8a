using System.Collections.Concurrent;
using CertPortal.Security;

namespace CertPortal.Features.Dashboard.Charts;

/// <summary>
/// The dashboard's run and order histories, per UTC day. Days that have ended are counted once per day and per
/// viewer's scope and kept, because a run's end time is written once: only today's runs are read again on each
/// call, instead of the tens of thousands of the whole window. A run removed with its binding or certificate leaves
/// its past day's bar at the next day's first count.
/// </summary>
public sealed class OutcomeHistory(TimeProvider clock)
{
    /// <summary>Counts the runs that ended from a day's start until before the end given (open when null).</summary>
    public delegate Task<IReadOnlyList<DayOutcomes>> Count(DateTime since, DateTime? until, CancellationToken ct);

    private readonly ConcurrentDictionary<PastDays, Task<IReadOnlyList<DayOutcomes>>> _past = new();

    /// <summary>The outcomes of each day from <paramref name="since"/> (a day's start) to today, for <paramref name="viewer"/>.</summary>
    public async Task<IReadOnlyList<DayOutcomes>> GetAsync(string kind, Actor viewer, DateTime since, Count count, CancellationToken ct)
    {
        var today = clock.GetUtcNow().UtcDateTime.Date;
        // Two people who see the same customers share the counts.
        var key = new PastDays(kind, viewer.ScopeKey, since, today);
        ForgetBefore(today);
        // Shared by every caller of the day, so it is not cancelled with the request that happened to start it.
        var past = _past.GetOrAdd(key, _ => count(since, today, CancellationToken.None));
        IReadOnlyList<DayOutcomes> ended;
        try
        {
            ended = await past.WaitAsync(ct);
        }
        catch when (past.IsFaulted || past.IsCanceled)
        {
            _past.TryRemove(new KeyValuePair<PastDays, Task<IReadOnlyList<DayOutcomes>>>(key, past));
            throw;
        }
        var current = await count(today, null, ct);
        return ended.Concat(current).ToList();
    }

    private void ForgetBefore(DateTime today)
    {
        foreach (var key in _past.Keys.Where(k => k.Today != today))
            _past.TryRemove(key, out _);
    }

    private sealed record PastDays(string Kind, string Scope, DateTime Since, DateTime Today);
}
