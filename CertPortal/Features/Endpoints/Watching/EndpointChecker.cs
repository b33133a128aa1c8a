using System.Collections.Concurrent;
using CertPortal.Data;
using CertPortal.Features.Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.Endpoints.Watching;

/// <summary>
/// Looks at watched endpoints (a few at once, with the scan's timeouts), writes what each serves and its problems,
/// raises an alert for each problem that is new, and tells open lists.
/// </summary>
public sealed class EndpointChecker(
    IDbContextFactory<AppDbContext> dbFactory,
    EndpointLooker looker,
    ICertificateVersions versions,
    EndpointAlerts alerts,
    EndpointProgress progress,
    IOptions<DiscoveryOptions> options,
    TimeProvider clock)
{
    public const int Parallelism = 16;

    public async Task CheckAsync(IReadOnlyCollection<Guid> endpointIds, CancellationToken ct)
    {
        List<WatchedEndpoint> endpoints;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            endpoints = await db.Set<WatchedEndpoint>().AsNoTracking().Where(e => endpointIds.Contains(e.Id)).ToListAsync(ct);
        var looks = new ConcurrentDictionary<Guid, EndpointLook>();
        await Parallel.ForEachAsync(endpoints, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (e, token) =>
            looks[e.Id] = await looker.LookAsync(e.Host, e.Port, e.ServerName is "" ? null : e.ServerName, token) ?? EndpointLook.Closed);
        foreach (var customer in endpoints.GroupBy(e => e.CustomerId))
            await RecordAsync(customer.Key, customer.Select(e => (e.Id, looks[e.Id])).ToList(), ct);
    }

    /// <summary>Writes looks of one customer's endpoints (a check, or what a scan just found) and alerts on new problems.</summary>
    public async Task RecordAsync(Guid customerId, IReadOnlyList<(Guid EndpointId, EndpointLook Look)> looks, CancellationToken ct)
    {
        var thumbprints = looks.Select(l => l.Look.Review?.ThumbprintSha256).OfType<string>().ToList();
        var known = await versions.MatchAsync(customerId, thumbprints, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var raised = new List<(WatchedEndpoint, IReadOnlyList<string>)>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var ids = looks.Select(l => l.EndpointId).ToList();
            var endpoints = await db.Set<WatchedEndpoint>().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
            foreach (var (id, look) in looks)
            {
                if (!endpoints.TryGetValue(id, out var endpoint))
                    continue;
                var match = look.Review is { } review ? known.GetValueOrDefault(review.ThumbprintSha256) : null;
                var added = EndpointObservation.Apply(endpoint, look, match, options.Value, now);
                if (added.Count > 0)
                    raised.Add((endpoint, added));
            }
            await db.SaveChangesAsync(ct);
        }
        foreach (var (endpoint, added) in raised)
            await alerts.RaiseAsync(endpoint, added, ct);
        progress.Notify(customerId);
    }
}
