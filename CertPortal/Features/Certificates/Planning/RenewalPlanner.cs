using CertPortal.Common;
using CertPortal.Security;

namespace CertPortal.Features.Certificates.Planning;

/// <summary>
/// The renewal calendar: every planned renewal of the coming days (the next one and those after it at the same
/// cadence) per ACME account, the deployments that follow, and each day checked against the CAs' limits. The page
/// and GET /api/v1/planner both call <see cref="PlanAsync"/>.
/// </summary>
public sealed class RenewalPlanner(RenewalForecast forecast, IEnumerable<ICertificateBindings> bindings, TimeProvider clock)
{
    public const int DefaultDays = 60;
    public const int MaxDays = 90;

    public async Task<Result<RenewalPlan>> PlanAsync(PlannerFilter filter, Actor actor, CancellationToken ct = default)
    {
        var days = filter.Days ?? DefaultDays;
        if (days is < 1 or > MaxDays)
            return Result<RenewalPlan>.Invalid("days", $"Days must be 1 to {MaxDays}.");
        var now = clock.GetUtcNow().UtcDateTime;
        var (from, until) = (now.Date, now.Date.AddDays(days));
        var book = await forecast.LoadAsync(now, until, ct);

        // The CA counts everyone's renewals; the filter only chooses which of them are shown.
        var load = new RenewalLoad();
        foreach (var e in book.History.Where(e => e.Counted))
            load.Add(e);
        var planned = book.Subjects.SelectMany(s => s.Renewals(now, until).Select(r => LimitEvent.Planned(s, r.At, r.Projected))).ToList();
        foreach (var e in planned.Where(e => e.Counted))
            load.Add(e);
        var shown = planned.Where(e => actor.CanSee(e.Subject.CustomerId)
                                       && (filter.CustomerId is not { } customer || e.Subject.CustomerId == customer)
                                       && (filter.AcmeAccountId is not { } account || e.Subject.AccountId == account))
            .OrderBy(e => e.At).ThenBy(e => e.Subject.CommonName).ToList();
        var deployments = (await FollowingAsync(shown, ct)).Where(d => d.At < until).ToLookup(d => PlanningTime.Day(d.At));
        var byDay = shown.ToLookup(e => PlanningTime.Day(e.At));

        var calendar = new List<PlanDay>(days);
        for (var day = PlanningTime.Day(from); day < PlanningTime.Day(until); day++)
        {
            var renewals = byDay[day].ToList();
            var limits = LimitChecks.For(day, renewals, load, now + RenewalForecast.Horizon);
            var moved = renewals.Count(e => !e.Projected && e.Subject.SpreadFrom is not null);
            calendar.Add(new PlanDay(DateOnly.FromDateTime(PlanningTime.DayStart(day)), renewals.Select(View).ToList(), deployments[day].OrderBy(d => d.At).ToList(),
                limits, Accounts(renewals), limits.Any(l => l.Exceeded), moved));
        }
        var cas = shown.Select(e => e.Subject.Limits).DistinctBy(l => l.DirectoryUrl).OrderBy(l => l.Name).ToList();
        return Result<RenewalPlan>.Ok(new RenewalPlan(from, until, calendar, cas));
    }

    /// <summary>
    /// How many renewals the calendar holds for the next <paramref name="days"/> days that <paramref name="actor"/> may
    /// see, counted as <see cref="PlanAsync"/> counts them (projected ones at each certificate's cadence included).
    /// </summary>
    public async Task<int> CountAsync(int days, Actor actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.Date.AddDays(days);
        var book = await forecast.LoadAsync(now, until, ct);
        return book.Subjects.Where(s => actor.CanSee(s.CustomerId)).Sum(s => s.Renewals(now, until).Count());
    }

    private async Task<IReadOnlyList<FollowingDeployment>> FollowingAsync(IReadOnlyList<LimitEvent> shown, CancellationToken ct)
    {
        var renewals = shown.Select(e => (e.Subject.CertificateId, e.At)).ToList();
        var following = new List<FollowingDeployment>();
        foreach (var source in bindings)
            following.AddRange(await source.FollowingAsync(renewals, ct));
        return following;
    }

    private static PlannedRenewal View(LimitEvent e)
    {
        var s = e.Subject;
        var moved = !e.Projected && s.SpreadFrom is not null;
        return new PlannedRenewal(s.CertificateId, s.CommonName, s.CustomerId, s.AccountId, s.AccountName, e.At, s.Ari, !e.Counted, e.Projected,
            moved, moved ? s.SpreadFrom : null, moved ? s.SpreadReason : null);
    }

    private static List<AccountDay> Accounts(IReadOnlyList<LimitEvent> renewals) =>
        renewals.GroupBy(e => e.Subject.AccountId)
            .Select(g => new AccountDay(g.Key, g.First().Subject.AccountName, g.First().Subject.Limits.Name, g.Count(), g.Count(e => e.Subject.Ari)))
            .OrderBy(a => a.Account).ToList();
}
