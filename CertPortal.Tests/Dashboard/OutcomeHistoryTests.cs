using CertPortal.Features.Dashboard.Charts;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Dashboard;

/// <summary>
/// The run and order histories count the days that have ended once per day and scope, and today's runs on every
/// call: the dashboard API no longer reads a month of runs each time, and a run that ends today still shows at once.
/// </summary>
public sealed class OutcomeHistoryTests
{
    private static readonly DateTime Today = new(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Past_days_are_counted_once_and_today_on_every_call()
    {
        var clock = new TestClock(new DateTimeOffset(Today.AddHours(10)));
        var history = new OutcomeHistory(clock);
        var counts = new Counter(Today);
        var since = Today.AddDays(-29);

        var first = await history.GetAsync("runs", Actor.Anonymous, since, counts.CountAsync, CancellationToken.None);
        counts.TodayOk = 5;
        var second = await history.GetAsync("runs", Actor.Anonymous, since, counts.CountAsync, CancellationToken.None);

        Assert.Equal(1, counts.PastReads);
        Assert.Equal(2, counts.TodayReads);
        Assert.Equal([(Today.AddDays(-1), 3), (Today, 1)], first.Select(d => (d.Day, d.Succeeded)));
        Assert.Equal([(Today.AddDays(-1), 3), (Today, 5)], second.Select(d => (d.Day, d.Succeeded)));
    }

    [Fact]
    public async Task A_new_day_counts_the_past_again()
    {
        var clock = new TestClock(new DateTimeOffset(Today.AddHours(23)));
        var history = new OutcomeHistory(clock);
        var counts = new Counter(Today);

        await history.GetAsync("runs", Actor.Anonymous, Today.AddDays(-29), counts.CountAsync, CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(2));
        await history.GetAsync("runs", Actor.Anonymous, Today.AddDays(-28), counts.CountAsync, CancellationToken.None);

        Assert.Equal(2, counts.PastReads);
        Assert.Equal(Today.AddDays(1), counts.LastPastUntil);
    }

    [Fact]
    public async Task Each_scope_has_its_own_past_counts()
    {
        var history = new OutcomeHistory(new TestClock(new DateTimeOffset(Today.AddHours(10))));
        var counts = new Counter(Today);
        var oneCustomer = Actor.Anonymous with { Customers = new HashSet<Guid> { Guid.NewGuid() } };

        await history.GetAsync("runs", Actor.Anonymous, Today.AddDays(-29), counts.CountAsync, CancellationToken.None);
        await history.GetAsync("runs", oneCustomer, Today.AddDays(-29), counts.CountAsync, CancellationToken.None);
        await history.GetAsync("orders", Actor.Anonymous, Today.AddDays(-29), counts.CountAsync, CancellationToken.None);

        Assert.Equal(3, counts.PastReads);
    }

    [Fact]
    public async Task A_failed_count_of_the_past_is_not_kept()
    {
        var history = new OutcomeHistory(new TestClock(new DateTimeOffset(Today.AddHours(10))));
        var counts = new Counter(Today) { FailPast = true };

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            history.GetAsync("runs", Actor.Anonymous, Today.AddDays(-29), counts.CountAsync, CancellationToken.None));
        counts.FailPast = false;
        var days = await history.GetAsync("runs", Actor.Anonymous, Today.AddDays(-29), counts.CountAsync, CancellationToken.None);

        Assert.Equal(2, counts.PastReads);
        Assert.Equal(2, days.Count);
    }

    /// <summary>A history with three successes yesterday and <see cref="TodayOk"/> today, counting how often each part is read.</summary>
    private sealed class Counter(DateTime today)
    {
        public int PastReads { get; private set; }

        public int TodayReads { get; private set; }

        public int TodayOk { get; set; } = 1;

        public bool FailPast { get; set; }

        public DateTime? LastPastUntil { get; private set; }

        public Task<IReadOnlyList<DayOutcomes>> CountAsync(DateTime since, DateTime? until, CancellationToken ct)
        {
            if (until is { } end)
            {
                PastReads++;
                LastPastUntil = end;
                if (FailPast)
                    return Task.FromException<IReadOnlyList<DayOutcomes>>(new InvalidOperationException("The database is locked."));
                return Task.FromResult<IReadOnlyList<DayOutcomes>>([new DayOutcomes(end.AddDays(-1), 3, 0)]);
            }
            TodayReads++;
            return Task.FromResult<IReadOnlyList<DayOutcomes>>([new DayOutcomes(today, TodayOk, 0)]);
        }
    }
}
