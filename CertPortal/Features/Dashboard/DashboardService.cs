using CertPortal.Common;
using CertPortal.Features.CertificateAuthorities;
using CertPortal.Features.Certificates;
using CertPortal.Features.ClientCerts;
using CertPortal.Features.Customers;
using CertPortal.Features.Dashboard.Charts;
using CertPortal.Features.Deployments;
using CertPortal.Security;

namespace CertPortal.Features.Dashboard;

/// <summary>
/// The dashboard's figures; page and API both call <see cref="GetAsync"/>. Every figure is counted by the slice that
/// owns it, in the database, and the counts of client certificates and CAs are their lists' totals, so a tile's
/// number is what its link shows.
/// </summary>
public sealed class DashboardService(
    CertificateStatistics certificates,
    DeploymentStatistics deployments,
    ClientCertService clientCerts,
    CaService cas,
    ICustomerDirectory customers,
    OutcomeHistory history,
    TimeProvider clock)
{
    public const int TimelineWeeks = 13;
    public const int HistoryDays = 30;

    public async Task<DashboardView> GetAsync(Actor actor, Guid? customerId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.Date.AddDays(-(HistoryDays - 1));
        // Each query opens its own DbContext and runs on a pool thread: SQLite's provider answers even its async calls
        // synchronously, so without Task.Run they would run one after the other.
        var counts = Task.Run(() => certificates.CountsAsync(actor, customerId, ct), ct);
        var ending = Task.Run(() => certificates.EndingPerDayAsync(actor, customerId, TimelineWeeks * 7, ct), ct);
        var orders = Task.Run(() => HistoryAsync("orders", actor, customerId, since, (from, until, t) => certificates.OrderOutcomesAsync(actor, customerId, from, until, t), ct), ct);
        var bindings = Task.Run(() => deployments.SummaryByCustomerAsync(actor, customerId, ct), ct);
        var runs = Task.Run(() => HistoryAsync("deployment-runs", actor, customerId, since, (from, until, t) => deployments.RunOutcomesAsync(actor, customerId, from, until, t), ct), ct);
        var clientCertsExpiring = Task.Run(() => clientCerts.ListAsync(new ClientCertFilter(customerId, ExpiringWithinDays: 30), Paging.From(1, 1), actor, ct), ct);
        var casExpiring = Task.Run(() => cas.ListAsync(customerId, 30, Paging.From(1, 1), actor, ct), ct);
        var names = Task.Run(() => NamesAsync(actor, customerId, ct), ct);
        await Task.WhenAll(counts, ending, orders, bindings, runs, clientCertsExpiring, casExpiring, names);

        var perCustomer = bindings.Result;
        return new DashboardView(
            CertificateFigures.From(counts.Result),
            DeploymentFigures.From(DeploymentStatistics.Total(perCustomer.Values)),
            Health(names.Result, counts.Result, perCustomer),
            new ExpiringFigures(clientCertsExpiring.Result.Total),
            new ExpiringFigures(casExpiring.Result.Total),
            Weeks(now.Date, ending.Result),
            orders.Result,
            runs.Result,
            now);
    }

    private static List<CustomerHealth> Health(IReadOnlyList<CustomerRef> names, IReadOnlyList<CertificateCount> counts, IReadOnlyDictionary<Guid, DeploymentSummary> bindings)
    {
        var byCustomer = counts.ToLookup(c => c.CustomerId);
        return names.Select(n =>
            {
                var own = byCustomer[n.Id].ToList();
                var expiring = own.Where(c => c.Window is > 0 and <= 30).Sum(c => c.Count);
                var present = own.Where(c => c.Count > 0).Select(c => c.Status).Append(expiring > 0 ? CustomerHealth.Expiring : CustomerHealth.None).ToHashSet();
                var worst = CustomerHealth.Worst.First(present.Contains);
                var deployment = bindings.GetValueOrDefault(n.Id);
                return new CustomerHealth(n.Id, n.Name, worst, own.Sum(c => c.Count), expiring,
                    own.Where(c => c.Status == CertificateStatus.Failed).Sum(c => c.Count), own.Where(c => c.Status == CertificateStatus.Expired).Sum(c => c.Count),
                    deployment?.Failed ?? 0);
            })
            .OrderBy(h => h.Rank).ThenByDescending(h => h.DeploymentsFailed).ThenByDescending(h => h.ExpiringWithin30Days).ThenBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static List<WeekCount> Weeks(DateTime today, IReadOnlyList<DayCount> days) =>
        Enumerable.Range(0, TimelineWeeks).Select(w =>
        {
            var start = today.AddDays(7 * w);
            return new WeekCount(DateTime.SpecifyKind(start, DateTimeKind.Utc), days.Where(d => d.Day >= start && d.Day < start.AddDays(7)).Sum(d => d.Count));
        }).ToList();

    private async Task<IReadOnlyList<DayOutcomes>> HistoryAsync(string kind, Actor actor, Guid? customerId, DateTime since, OutcomeHistory.Count count, CancellationToken ct) =>
        actor.Narrowed(customerId) is { } viewer ? await history.GetAsync(kind, viewer, since, count, ct) : [];

    private async Task<IReadOnlyList<CustomerRef>> NamesAsync(Actor actor, Guid? customerId, CancellationToken ct) =>
        actor.Narrowed(customerId) is { } viewer ? await customers.ListAsync(viewer, ct) : [];
}
