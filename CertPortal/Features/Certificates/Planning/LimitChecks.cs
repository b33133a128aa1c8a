namespace CertPortal.Features.Certificates.Planning;

/// <summary>
/// The limit lines of one day, for the renewals shown that day: each account's orders (the day and its busiest
/// order window), and every registered domain and identifier set at 80 % of its limit or more.
/// </summary>
internal static class LimitChecks
{
    private const double CloseTo = 0.8;

    /// <param name="spreadUntil">The end of the days the renewal job spreads (<see cref="RenewalForecast.Horizon"/> from now).</param>
    public static IReadOnlyList<LimitCheck> For(long day, IReadOnlyList<LimitEvent> shown, RenewalLoad load, DateTime spreadUntil)
    {
        var beyond = PlanningTime.DayStart(day) >= spreadUntil;
        var lines = new List<LimitCheck>();
        foreach (var subject in shown.Select(e => e.Subject).DistinctBy(s => s.AccountId))
        {
            var limits = subject.Limits;
            if (limits.OrdersPerAccount <= 0)
                continue;
            var first = PlanningTime.Window(PlanningTime.DayStart(day), limits.OrdersWindowHours);
            var windows = Enumerable.Range(0, limits.OrderWindowsPerDay).Select(i => load.Orders(subject.AccountId, first + i)).ToList();
            var wholeDay = windows.Aggregate(default(LoadCount), (sum, w) => sum + w);
            lines.Add(Line(subject.AccountName, subject.AccountId, limits, LimitKinds.OrdersPerAccountPerDay, subject.AccountName, "day", wholeDay,
                limits.OrdersPerAccount * limits.OrderWindowsPerDay, beyond));
            lines.Add(Line(subject.AccountName, subject.AccountId, limits, LimitKinds.OrdersPerAccount, subject.AccountName, $"{limits.OrdersWindowHours} h",
                windows.MaxBy(w => w.Total), limits.OrdersPerAccount, beyond));
        }
        foreach (var (limits, domain) in shown.Where(e => e.CountsForDomains).SelectMany(e => e.Subject.Domains.Select(d => (e.Subject.Limits, d))).Distinct())
            Close(lines, limits, LimitKinds.CertificatesPerDomain, domain, load.Domain(limits, domain, day), limits.CertificatesPerDomain, beyond);
        foreach (var (limits, set) in shown.Where(e => e.CountsForIdentifierSet).Select(e => (e.Subject.Limits, e.Subject.IdentifierSet)).Distinct())
            Close(lines, limits, LimitKinds.CertificatesPerIdentifierSet, set, load.IdentifierSet(limits, set, day), limits.CertificatesPerIdentifierSet, beyond);
        return lines;
    }

    private static void Close(List<LimitCheck> lines, CaLimits limits, string kind, string scope, LoadCount count, int max, bool beyond)
    {
        if (count.Total >= max * CloseTo)
            lines.Add(Line($"all {limits.Name} accounts", null, limits, kind, scope, $"{limits.CertificatesWindowDays} d", count, max, beyond));
    }

    private static LimitCheck Line(string account, Guid? accountId, CaLimits limits, string kind, string scope, string window, LoadCount count, int max, bool beyond)
    {
        var exceeded = count.Total > max;
        var note = !exceeded ? null
            : beyond ? $"Beyond the {RenewalForecast.Horizon.TotalDays:0} days the renewal job spreads; it moves these renewals when they come within them."
            : count.Projected > 0 ? $"{count.Projected} of these are projected renewals after the next one; the renewal job spreads them when they are next."
            : "The renewal job found no earlier time with room (it moves a renewal no earlier than half the lifetime left).";
        return new LimitCheck(account, accountId, limits.Name, kind, scope, window, count.Total, max, exceeded, note);
    }
}
