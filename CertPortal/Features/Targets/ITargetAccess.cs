using CertPortal.Common;
using CertPortal.Features.Targets.Connectors;
using CertPortal.Data;
using CertPortal.Security;

namespace CertPortal.Features.Targets;

/// <summary>What other slices (deployments, alerts, the dashboard) may do with targets; the targets page uses <see cref="TargetService"/>.</summary>
public interface ITargetAccess
{
    Task<Result<TargetView>> GetAsync(Guid id, Actor actor, CancellationToken ct = default);

    Task<PagedList<TargetView>> ListAsync(Guid? customerId, Paging paging, Actor actor, CancellationToken ct = default);

    /// <summary>A target's connector and unsealed settings, and whose it is, for a run; null when there is no such target.</summary>
    Task<OpenedTarget?> OpenAsync(Guid id, CancellationToken ct = default);

    /// <summary>Name and type of each given target, for lists that show bindings; unknown ids are left out.</summary>
    Task<IReadOnlyDictionary<Guid, TargetHeadline>> HeadlinesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default);

    /// <summary>Name and maintenance window of each given target, for planning when runs will start; unknown ids are left out.</summary>
    Task<IReadOnlyDictionary<Guid, TargetSchedule>> SchedulesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default);

    /// <summary>After a run verified <paramref name="endpoint"/>: moves a pinned target's pin to the served certificate; answers the run's step message, or null.</summary>
    Task<string?> RepinAsync(Guid id, VerificationEndpoint endpoint, string servedSha256, CancellationToken ct = default);

    /// <summary>Every target's name as a query on the caller's context, so the binding list can order by target.</summary>
    IQueryable<ObjectName> Names(AppDbContext db);
}
