using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace CertPortal.Features.CertificateAuthorities.Revocation;

/// <summary>
/// Hourly: signs a new CRL for every CA whose CRL is past half its validity, long before relying parties see it go
/// stale (OCSP answers follow it on every instance), and renews OCSP signing certificates that end within 30 days.
/// </summary>
[DisallowConcurrentExecution]
public sealed class CrlRefreshJob(IDbContextFactory<AppDbContext> dbFactory, CrlPublisher publisher, CaService cas, CaRevocationProgress revocations, AuditLog audit, IOptions<CaOptions> options, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new(nameof(CrlRefreshJob), "pki");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await RunOnceAsync(ct);

    /// <summary>Returns the CAs whose CRL it renewed.</summary>
    public async Task<IReadOnlyList<Guid>> RunOnceAsync(CancellationToken ct)
    {
        using var _ = ActorAccessor.RunAs(Actor.Job(nameof(CrlRefreshJob)));
        await cas.RenewOcspSignersAsync(ct);
        var due = clock.GetUtcNow().UtcDateTime + TimeSpan.FromHours(options.Value.CrlValidityHours / 2.0);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.Set<CertificateAuthority>().Where(c => c.CrlNextUpdate == null || c.CrlNextUpdate <= due).Select(c => c.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            var crl = await publisher.PublishAsync(id, ct);
            // OCSP follows the new CRL on every instance (only answers whose state differs are signed again).
            revocations.Notify(id);
            await audit.RecordAsync("ca.crl", "CertificateAuthority", id.ToString(), $"Signed CRL number {crl.Number}, next update {crl.NextUpdate:yyyy-MM-dd HH:mm} UTC.", ct: ct);
        }
        return ids;
    }
}
