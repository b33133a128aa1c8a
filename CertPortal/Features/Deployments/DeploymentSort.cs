using CertPortal.Common;
using CertPortal.Features.Deployments.Runs;

namespace CertPortal.Features.Deployments;

/// <summary>
/// Orders of the binding list (<c>?sort=&amp;order=</c>): when it was bound (the default, oldest first) or when its newest
/// run was queued (never run last either way), or by the name of its certificate, target or customer, which their slices
/// provide as queries on the same context.
/// </summary>
public static class DeploymentSort
{
    public const string Bound = "bound";
    public const string LastRun = "lastRun";
    public const string Certificate = "certificate";
    public const string Target = "target";
    public const string Customer = "customer";

    public static readonly IReadOnlyList<string> All = [Bound, LastRun, Certificate, Target, Customer];

    public static readonly ListSort Default = new(Bound, Descending: false);

    internal static IQueryable<Deployment> Apply(IQueryable<Deployment> query, IQueryable<DeploymentRun> runs, ListSort sort, Names names) => sort.Field switch
    {
        Certificate => query.OrderBy(d => names.Certificates.Where(n => n.Id == d.CertificateId).Select(n => n.Name).FirstOrDefault(), sort.Descending).ThenBy(d => d.CreatedAt),
        Target => query.OrderBy(d => names.Targets.Where(n => n.Id == d.TargetId).Select(n => n.Name).FirstOrDefault(), sort.Descending).ThenBy(d => d.CreatedAt),
        Customer => query.OrderBy(d => names.Customers.Where(n => n.Id == d.CustomerId).Select(n => n.Name).FirstOrDefault(), sort.Descending).ThenBy(d => d.CreatedAt),
        LastRun => query.OrderBy(d => !runs.Any(r => r.DeploymentId == d.Id))
            .ThenBy(d => runs.Where(r => r.DeploymentId == d.Id).Max(r => (DateTime?)r.QueuedAt), sort.Descending).ThenBy(d => d.CreatedAt),
        _ => query.OrderBy(d => d.CreatedAt, sort.Descending),
    };

    /// <summary>The names a binding's columns show, each a query of the slice that owns them.</summary>
    internal sealed record Names(IQueryable<ObjectName> Certificates, IQueryable<ObjectName> Targets, IQueryable<ObjectName> Customers);

    internal static IQueryable<BindingState> Apply(IQueryable<BindingState> states, ListSort sort, Names names) => sort.Field switch
    {
        Certificate => states.OrderBy(s => s.CertificateName, sort.Descending).ThenBy(s => s.CreatedAt),
        Target => states.OrderBy(s => names.Targets.Where(n => n.Id == s.TargetId).Select(n => n.Name).FirstOrDefault(), sort.Descending).ThenBy(s => s.CreatedAt),
        Customer => states.OrderBy(s => names.Customers.Where(n => n.Id == s.CustomerId).Select(n => n.Name).FirstOrDefault(), sort.Descending).ThenBy(s => s.CreatedAt),
        LastRun => states.OrderBy(s => s.LastRunAt == null).ThenBy(s => s.LastRunAt, sort.Descending).ThenBy(s => s.CreatedAt),
        _ => states.OrderBy(s => s.CreatedAt, sort.Descending),
    };
}
