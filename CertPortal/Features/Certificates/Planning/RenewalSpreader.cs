namespace CertPortal.Features.Certificates.Planning;

/// <summary>
/// Decides which renewals move earlier so that no CA limit is exceeded. What cannot move is placed first: orders
/// already made, ARI-timed renewals (the CA chose the window), renewals due now or retrying after a failure. Then
/// every other next renewal, in the order the schedule planned them: it stays where it is when that fits, else it
/// steps back one order window at a time (3 h) to the latest time at which every limit has room,
/// never before now and never before half its lifetime is left. One that finds no room stays, and the calendar shows
/// the limit as exceeded. Renewals after the next one are projections: shown and checked, moved when they are next.
/// Deterministic: a second run over its own result moves nothing.
/// </summary>
public static class RenewalSpreader
{
    public static IReadOnlyList<RenewalMove> Spread(RenewalBook book, DateTime now)
    {
        var load = new RenewalLoad();
        foreach (var e in book.History.Where(e => e.Counted))
            load.Add(e);
        var movable = new List<RenewalSubject>();
        foreach (var subject in book.Subjects)
        {
            if (subject.Movable(now))
                movable.Add(subject);
            else if (subject.Next(now) is { } at && LimitEvent.Planned(subject, at) is { Counted: true } fixedEvent)
                load.Add(fixedEvent);
        }

        var moves = new List<RenewalMove>();
        foreach (var subject in movable.OrderBy(s => s.Planned).ThenBy(s => s.CertificateId))
        {
            var current = subject.RenewAfter!.Value;
            var e = LimitEvent.Planned(subject, current);
            if (load.Check(e, current) is not { } breach)
            {
                load.Add(e);
                continue;
            }
            var to = FirstRoom(load, e, current, Max(now, subject.Earliest));
            load.Add(e, to ?? current);
            if (to is { } earlier)
                moves.Add(new RenewalMove(subject, current, earlier, Reason(subject.Planned ?? current, earlier, breach)));
        }
        return moves;
    }

    private static DateTime? FirstRoom(RenewalLoad load, LimitEvent e, DateTime current, DateTime floor)
    {
        var step = TimeSpan.FromHours(e.Subject.Limits.OrdersWindowHours is > 0 and <= 24 ? e.Subject.Limits.OrdersWindowHours : 3);
        for (var at = current - step; at >= floor; at -= step)
            if (load.Check(e, at) is null)
                return at;
        return null;
    }

    private static string Reason(DateTime planned, DateTime to, LimitBreach breach)
    {
        var by = planned - to;
        var moved = by.TotalHours < 48 ? $"{by.TotalHours:0} h" : $"{by.TotalDays:0.#} days";
        var text = $"Moved {moved} earlier (planned {planned:yyyy-MM-dd HH:mm} UTC): {breach.Describe()}";
        return text.Length <= 500 ? text : text[..499] + "…";
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
