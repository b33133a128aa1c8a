using CertPortal.Common;
using CertPortal.Features.Deployments.Runs;

namespace CertPortal.Features.Deployments;

/// <summary>
/// Orders of the binding list (<c>?sort=&amp;order=</c>): when it was bound (the default, oldest first) or when its newest
/// run was queued (never run last either way). Certificate and target names belong to other slices and are not sorted here.
/// </summary>
public static class DeploymentSort
{
    public const string Bound = "bound";
    public const string LastRun = "lastRun";

    public static readonly IReadOnlyList<string> All = [Bound, LastRun];

    public static readonly ListSort Default = new(Bound, Descending: false);

    internal static IQueryable<Deployment> Apply(IQueryable<Deployment> query, IQueryable<DeploymentRun> runs, ListSort sort) => sort.Field switch
    {
        LastRun => query.OrderBy(d => !runs.Any(r => r.DeploymentId == d.Id))
            .ThenBy(d => runs.Where(r => r.DeploymentId == d.Id).Max(r => (DateTime?)r.QueuedAt), sort.Descending).ThenBy(d => d.CreatedAt),
        _ => query.OrderBy(d => d.CreatedAt, sort.Descending),
    };

    internal static IQueryable<BindingState> Apply(IQueryable<BindingState> states, ListSort sort) => sort.Field switch
    {
        LastRun => states.OrderBy(s => s.LastRunAt == null).ThenBy(s => s.LastRunAt, sort.Descending).ThenBy(s => s.CreatedAt),
        _ => states.OrderBy(s => s.CreatedAt, sort.Descending),
    };
}
