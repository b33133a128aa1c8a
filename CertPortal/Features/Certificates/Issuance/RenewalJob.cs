using CertPortal.Data;
using CertPortal.Features.Certificates.Planning;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CertPortal.Features.Certificates.Issuance;

/// <summary>
/// Every few minutes: marks certificates past their end as expired, asks the CA's renewal info again where due, moves
/// renewals earlier where the next 60 days would exceed a CA's limits (<see cref="RenewalSpreading"/>), and queues a
/// renewal for every auto-renew certificate whose renewal time has come (or whose last failure's wait is over; a
/// configuration error has no wait to be over, see <see cref="IssuanceConfigurationException"/>).
/// </summary>
[DisallowConcurrentExecution]
public sealed class RenewalJob(IDbContextFactory<AppDbContext> dbFactory, RenewalInfoRefresh renewalInfo, RenewalSpreading spreading, IssuanceQueue queue, IssuanceProgress progress, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new(nameof(RenewalJob), "certificates");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await RunOnceAsync(ct);

    /// <summary>Returns the certificates it queued.</summary>
    public async Task<IReadOnlyList<Guid>> RunOnceAsync(CancellationToken ct)
    {
        using var _ = ActorAccessor.RunAs(Actor.Job(nameof(RenewalJob)));
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Set<Certificate>().Where(c => c.Status == CertificateStatus.Valid && c.NotAfter <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CertificateStatus.Expired), ct);
        await renewalInfo.RunAsync(ct);
        await spreading.RunAsync(ct);

        var due = await db.Set<Certificate>()
            .Where(c => c.AutoRenew && c.Source == CertificateSources.Acme)
            .Where(c => (c.Status == CertificateStatus.Valid || c.Status == CertificateStatus.Expired) && c.RenewAfter <= now
                        || c.Status == CertificateStatus.Failed && c.NextAttemptAt != null && c.NextAttemptAt <= now)
            .ToListAsync(ct);
        var started = new List<Guid>();
        foreach (var certificate in due)
        {
            // A person (or another instance's scheduler) may have started it since it was read.
            if (!await OrderStart.TryStartAsync(db, certificate, now, ct))
                continue;
            started.Add(certificate.Id);
            await queue.EnqueueAsync(certificate.Id, ct);
            progress.Notify(certificate.Id);
        }
        return started;
    }
}
