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
    public async Task<IReadOnlyDictionary<Guid, DeploymentSummary>> SummaryByCustomerAsync(Actor actor, CancellationToken ct = default) =>
        (await CountsAsync(actor, null, ct)).GroupBy(c => c.Key.CustomerId).ToDictionary(g => g.Key, g => Sum(g));

    /// <summary>Runs that ended since <paramref name="since"/>, per UTC day: verified or succeeded against failed or rolled back.</summary>
    public async Task<IReadOnlyList<DayOutcomes>> RunOutcomesAsync(Actor actor, Guid? customerId, DateTime since, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (from r in db.Set<DeploymentRun>()
                          join d in Scoped(db, actor, customerId) on r.DeploymentId equals d.Id
                          where r.FinishedAt >= since && (r.Status == RunStatus.Verified || r.Status == RunStatus.Succeeded || r.Status == RunStatus.Failed || r.Status == RunStatus.RolledBack)
                          group r by new { r.FinishedAt!.Value.Date, Ok = r.Status == RunStatus.Verified || r.Status == RunStatus.Succeeded } into g
                          select new { g.Key.Date, g.Key.Ok, Count = g.Count() }).ToListAsync(ct);
        return rows.GroupBy(r => r.Date).OrderBy(g => g.Key)
            .Select(g => new DayOutcomes(DateTime.SpecifyKind(g.Key, DateTimeKind.Utc), g.Where(r => r.Ok).Sum(r => r.Count), g.Where(r => !r.Ok).Sum(r => r.Count))).ToList();
    }

    private async Task<Dictionary<StateKey, int>> CountsAsync(Actor actor, Guid? customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = await BindingState.Of(db, Scoped(db, actor, customerId), versions)
            .GroupBy(s => new { s.CustomerId, s.LastStatus, s.LastAwaitingPerson, Outdated = s.CurrentVersion > 0 && s.VerifiedVersion != s.CurrentVersion })
            .Select(g => new { g.Key.CustomerId, g.Key.LastStatus, g.Key.LastAwaitingPerson, g.Key.Outdated, Count = g.Count() })
            .ToListAsync(ct);
        return groups.ToDictionary(g => new StateKey(g.CustomerId, g.LastStatus, g.LastAwaitingPerson, g.Outdated), g => g.Count);
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
        if (actor.CustomerScope is { } scope)
            query = query.Where(d => d.CustomerId == scope);
        if (customerId is { } customer)
            query = query.Where(d => d.CustomerId == customer);
        return query;
    }

    private sealed record StateKey(Guid CustomerId, string? LastStatus, bool LastAwaitingPerson, bool Outdated);
}
