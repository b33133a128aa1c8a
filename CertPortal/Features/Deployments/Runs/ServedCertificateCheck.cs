using System.Collections.Concurrent;
using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments.Runs;

/// <summary>
/// The served-certificate check: each verified binding at most every <see cref="Interval"/>, at most
/// <see cref="PerCall"/> per call (the oldest looked-at first), <see cref="Parallelism"/> handshakes at once with a
/// short timeout, so a scan stays short even when many endpoints do not answer.
/// </summary>
public sealed class ServedCertificateCheck(
    IDbContextFactory<AppDbContext> dbFactory,
    ITargetAccess targets,
    ICertificateVersions certificates,
    ServedCertificateProbe probe,
    TimeProvider clock,
    ILogger<ServedCertificateCheck> logger) : IServedCertificateCheck
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(4);
    public const int PerCall = 100;
    public const int Parallelism = 8;
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyList<ServedCheck>> CheckDueAsync(Guid? customerId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var dueBefore = now - Interval;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = db.Set<DeploymentRun>();
        var query = db.Set<Deployment>().Where(d => d.VerifiedVersion != null && (d.ServedCheckedAt == null || d.ServedCheckedAt <= dueBefore))
            .Where(d => !runs.Any(r => r.DeploymentId == d.Id && (r.Status == RunStatus.Queued || r.Status == RunStatus.WaitingWindow || r.Status == RunStatus.Running)));
        if (customerId is { } only)
            query = query.Where(d => d.CustomerId == only);
        var due = await query.OrderBy(d => d.ServedCheckedAt).Take(PerCall)
            .Select(d => new
            {
                d.Id, d.CustomerId, d.CertificateId, d.TargetId, d.Options, Version = d.VerifiedVersion!.Value,
                Expected = runs.Where(r => r.DeploymentId == d.Id && r.Status == RunStatus.Verified && r.CertificateVersion == d.VerifiedVersion)
                    .OrderByDescending(r => r.FinishedAt).Select(r => r.ServedThumbprintSha256).FirstOrDefault(),
            }).ToListAsync(ct);
        if (due.Count == 0)
            return [];
        // Taken before the handshakes: a second scan meanwhile (or another instance) does not look again.
        var ids = due.Select(d => d.Id).ToList();
        await db.Set<Deployment>().Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.ServedCheckedAt, now), ct);

        var opened = new Dictionary<Guid, OpenedTarget?>();
        foreach (var targetId in due.Select(d => d.TargetId).Distinct())
            opened[targetId] = await targets.OpenAsync(targetId, ct);
        var names = await certificates.HeadlinesAsync(due.Select(d => d.CertificateId).Distinct().ToList(), ct);

        var results = new ConcurrentBag<ServedCheck>();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (binding, token) =>
        {
            if (binding.Expected is null || opened[binding.TargetId] is not { } target
                || target.Connector.EndpointToVerify(target.Settings, binding.Options) is not { } endpoint)
                return;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(HandshakeTimeout);
            try
            {
                var served = await probe.ServedThumbprintAsync(endpoint.Host, endpoint.Port, endpoint.Sni, timeout.Token);
                results.Add(new ServedCheck(binding.Id, binding.CustomerId, binding.CertificateId, binding.TargetId,
                    names.TryGetValue(binding.CertificateId, out var name) ? name.CommonName : binding.CertificateId.ToString(), target.Name,
                    $"{endpoint.Host}:{endpoint.Port}", binding.Version, binding.Expected, served));
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException or IOException
                                          || e is OperationCanceledException && !token.IsCancellationRequested)
            {
                // Not answering is not serving something else; the next run or check says more.
                logger.LogInformation("The served-certificate check could not reach {Host}:{Port} (DeploymentId {DeploymentId}): {Reason}",
                    endpoint.Host, endpoint.Port, binding.Id, e.Message);
            }
        });
        return [.. results];
    }
}
