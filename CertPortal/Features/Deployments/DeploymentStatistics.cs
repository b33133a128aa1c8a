using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Features.Dashboard.Charts;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments;

/// <summary>
/// The dashboard's deployment figures, counted by the database (GROUP BY over each binding's newest run), never by
/// loading bindings or runs: they must stay fast with tens of thousands of runs.
/// </summary>
public sealed class DeploymentStatistics(IDbContextFactory<AppDbContext> dbFactory, ICertificateVersions versions)
{
    /// <summary>Counts over the bindings <paramref name="actor"/> sees (of one customer when given).</summary>
    public async Task<DeploymentSummary> SummaryAsync(Actor actor, Guid? customerId = null, CancellationToken ct = default) =>
        Sum(await CountsAsync(actor, customerId, ct));

    /// <summary>The same counts per customer; customers without bindings are left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, DeploymentSummary>> SummaryByCustomerAsync(Actor actor, Guid? customerId = null, CancellationToken ct = default) =>
        (await CountsAsync(actor, customerId, ct)).GroupBy(c => c.Key.CustomerId).ToDictionary(g => g.Key, g => Sum(g));

    /// <summary>The counts of several customers added up.</summary>
    /// <summary>Whether any binding this person sees has had a run whose served certificate was checked: the portal's first real success.</summary>
    public async Task<bool> AnyVerifiedAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bindings = Scoped(db, actor, null);
        return await db.Set<DeploymentRun>().AnyAsync(r => r.Status == RunStatus.Verified && bindings.Any(d => d.Id == r.DeploymentId), ct);
    }

    public static DeploymentSummary Total(IEnumerable<DeploymentSummary> summaries) =>
        summaries.Aggregate(new DeploymentSummary(0, 0, 0, 0, 0), (a, b) =>
            new DeploymentSummary(a.Bindings + b.Bindings, a.Failed + b.Failed, a.RolledBack + b.RolledBack, a.AwaitingPerson + b.AwaitingPerson, a.Outdated + b.Outdated));

    /// <summary>
    /// Runs that ended from <paramref name="since"/> until before <paramref name="until"/> (open when null), per UTC
    /// day: verified or succeeded against failed or rolled back.
    /// </summary>
    public async Task<IReadOnlyList<DayOutcomes>> RunOutcomesAsync(Actor actor, Guid? customerId, DateTime since, DateTime? until, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = db.Set<DeploymentRun>().AsNoTracking().Where(r => r.FinishedAt >= since
            && (r.Status == RunStatus.Verified || r.Status == RunStatus.Succeeded || r.Status == RunStatus.Failed || r.Status == RunStatus.RolledBack));
        if (until is { } end)
            runs = runs.Where(r => r.FinishedAt < end);
        if (actor.IsScoped || customerId is not null)
        {
            var bindings = Scoped(db, actor, customerId);
            runs = runs.Where(r => bindings.Any(d => d.Id == r.DeploymentId));
        }
        var rows = await runs.GroupBy(r => new { Day = UtcDay.Of(r.FinishedAt!.Value), Ok = r.Status == RunStatus.Verified || r.Status == RunStatus.Succeeded })
            .Select(g => new { g.Key.Day, g.Key.Ok, Count = g.Count() }).ToListAsync(ct);
        return rows.GroupBy(r => r.Day).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DayOutcomes(UtcDay.Parse(g.Key), g.Where(r => r.Ok).Sum(r => r.Count), g.Where(r => !r.Ok).Sum(r => r.Count))).ToList();
    }

    private async Task<Dictionary<StateKey, int>> CountsAsync(Actor actor, Guid? customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = await BindingState.Of(db, Scoped(db, actor, customerId), versions)
            .GroupBy(s => new { s.CustomerId, s.LastRun, Outdated = (s.VerifiedVersion ?? 0) != s.CurrentVersion })
            .Select(g => new { g.Key.CustomerId, g.Key.LastRun, g.Key.Outdated, Count = g.Count() })
            .ToListAsync(ct);
        return groups.ToDictionary(g =>
        {
            var (status, awaiting) = BindingState.Split(g.LastRun);
            return new StateKey(g.CustomerId, status, awaiting, g.Outdated);
        }, g => g.Count);
    }

    private static DeploymentSummary Sum(IEnumerable<KeyValuePair<StateKey, int>> counts)
    {
        var list = counts.ToList();
        int Count(Func<StateKey, bool> which) => list.Where(c => which(c.Key)).Sum(c => c.Value);
        return new DeploymentSummary(Count(_ => true), Count(k => k.LastStatus == RunStatus.Failed), Count(k => k.LastStatus == RunStatus.RolledBack),
            Count(k => k.LastAwaitingPerson), Count(k => k.Outdated));
    }

    private static IQueryable<Deployment> Scoped(AppDbContext db, Actor actor, Guid? customerId)
    {
        var query = db.Set<Deployment>().AsNoTracking();
        query = query.VisibleTo(actor);
        if (customerId is { } customer)
            query = query.Where(d => d.CustomerId == customer);
        return query;
    }

    private sealed record StateKey(Guid CustomerId, string? LastStatus, bool LastAwaitingPerson, bool Outdated);
}
