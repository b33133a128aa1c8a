using System.Threading.RateLimiting;
using CertPortal.Data;
using CertPortal.Features.Endpoints.Watching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.Endpoints.Scans;

/// <summary>
/// Works one scan: every address × port pair, at most <see cref="DiscoveryOptions.MaxConcurrency"/> connections open
/// and <see cref="DiscoveryOptions.ConnectsPerSecond"/> started per second. Each TLS endpoint found is recorded at
/// once (a finding, and a watched endpoint of the customer); progress is written and told every half second.
/// </summary>
public sealed class DiscoveryScanner(
    IDbContextFactory<AppDbContext> dbFactory,
    EndpointLooker looker,
    EndpointChecker checker,
    ScanProgress progress,
    IOptions<DiscoveryOptions> options,
    TimeProvider clock,
    ILogger<DiscoveryScanner> logger)
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(500);

    public async Task RunAsync(Guid scanId, CancellationToken ct)
    {
        var limits = options.Value;
        DiscoveryScan? scan;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            scan = await db.Set<DiscoveryScan>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == scanId && s.Status != ScanStatus.Finished, ct);
        if (scan is null)
            return;
        var request = ScanRequest.Parse(scan.Hosts, scan.Ports, limits);
        var pairs = request.IsOk ? request.Value!.Targets.SelectMany(t => request.Value.Ports.Select(p => (Target: t, Port: p))).ToList() : [];
        await UpdateAsync(scanId, s => s.SetProperty(x => x.Status, ScanStatus.Running).SetProperty(x => x.StartedAt, clock.GetUtcNow().UtcDateTime)
            .SetProperty(x => x.Total, pairs.Count).SetProperty(x => x.Done, 0).SetProperty(x => x.Found, 0), ct);

        var (done, found) = (0, 0);
        var recording = new SemaphoreSlim(1, 1);
        using var rate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, limits.ConnectsPerSecond / 10), TokensPerPeriod = Math.Max(1, limits.ConnectsPerSecond / 10),
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100), QueueLimit = int.MaxValue, AutoReplenishment = true,
        });
        using var reporting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reporter = ReportAsync(scanId, () => (Volatile.Read(ref done), Volatile.Read(ref found)), reporting.Token);
        try
        {
            await Parallel.ForEachAsync(pairs, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, limits.MaxConcurrency), CancellationToken = ct }, async (pair, token) =>
            {
                using var lease = await rate.AcquireAsync(1, token);
                try
                {
                    var look = await looker.LookAsync(pair.Target.Host, pair.Port, pair.Target.ServerName, token);
                    if (look?.Review is not null)
                    {
                        await recording.WaitAsync(token);
                        try
                        {
                            await RecordAsync(scan, pair.Target, pair.Port, look, token);
                            Interlocked.Increment(ref found);
                        }
                        finally
                        {
                            recording.Release();
                        }
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // One pair that fails (a name that does not resolve, a write that lost a race) does not end the scan.
                    logger.LogWarning("Discovery scan {ScanId} could not look at {Host}:{Port}: {Reason}", scanId, pair.Target.Host, pair.Port, e.Message);
                }
                Interlocked.Increment(ref done);
            });
        }
        finally
        {
            await reporting.CancelAsync();
            await reporter;
        }
        await UpdateAsync(scanId, s => s.SetProperty(x => x.Status, ScanStatus.Finished).SetProperty(x => x.FinishedAt, clock.GetUtcNow().UtcDateTime)
            .SetProperty(x => x.Done, done).SetProperty(x => x.Found, found), ct);
        progress.Notify(scanId);
        logger.LogInformation("Discovery scan {ScanId} tried {Pairs} pair(s) and found {Found} TLS endpoint(s) (CustomerId {CustomerId})", scanId, done, found, scan.CustomerId);
    }

    /// <summary>The finding, and the customer's watched endpoint for it (made when new), with this look written into it.</summary>
    private async Task RecordAsync(DiscoveryScan scan, ScanTarget target, int port, EndpointLook look, CancellationToken ct)
    {
        var review = look.Review!;
        var serverName = target.ServerName ?? "";
        Guid endpointId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var endpoint = await db.Set<WatchedEndpoint>().SingleOrDefaultAsync(e => e.CustomerId == scan.CustomerId && e.Host == target.Host && e.Port == port && e.ServerName == serverName, ct);
            if (endpoint is null)
            {
                endpoint = new WatchedEndpoint
                {
                    Id = Guid.NewGuid(), CustomerId = scan.CustomerId, Host = target.Host, Port = port, ServerName = serverName, Origin = EndpointOrigins.Scan,
                    CreatedAt = clock.GetUtcNow().UtcDateTime,
                };
                db.Add(endpoint);
                await db.SaveChangesAsync(ct);
            }
            endpointId = endpoint.Id;
        }
        await checker.RecordAsync(scan.CustomerId, [(endpointId, look)], ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var known = await db.Set<WatchedEndpoint>().Where(e => e.Id == endpointId).Select(e => e.KnownCertificateId).SingleAsync(ct);
            db.Add(new ScanFinding
            {
                Id = Guid.NewGuid(), ScanId = scan.Id, Host = target.Host, Port = port, ServerName = serverName, ThumbprintSha256 = review.ThumbprintSha256,
                Subject = review.Subject.Length > 1000 ? review.Subject[..1000] : review.Subject, NotAfter = review.NotAfter, KnownCertificateId = known, EndpointId = endpointId,
            });
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task ReportAsync(Guid scanId, Func<(int Done, int Found)> read, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(ProgressEvery);
        var last = (-1, -1);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var now = read();
                if (now == last)
                    continue;
                last = now;
                await UpdateAsync(scanId, s => s.SetProperty(x => x.Done, now.Done).SetProperty(x => x.Found, now.Found), ct);
                progress.Notify(scanId);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The scan ended: its last figures are written by the caller.
        }
    }

    private async Task UpdateAsync(Guid scanId, Action<UpdateSettersBuilder<DiscoveryScan>> set, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Set<DiscoveryScan>().Where(s => s.Id == scanId).ExecuteUpdateAsync(set, ct);
    }
}
