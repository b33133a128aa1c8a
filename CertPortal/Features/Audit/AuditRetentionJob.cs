using CertPortal.Data;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace CertPortal.Features.Audit;

/// <summary>Nightly: deletes audit entries past the retention period, and records that it did.</summary>
[DisallowConcurrentExecution]
public sealed class AuditRetentionJob(
    IDbContextFactory<AppDbContext> dbFactory,
    AuditLog audit,
    IOptions<AuditRetentionOptions> options,
    TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new(nameof(AuditRetentionJob), "audit");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await PruneAsync(ct);

    public async Task<int> PruneAsync(CancellationToken ct)
    {
        var days = options.Value.RetentionDays;
        if (days <= 0)
            return 0;
        using var _ = ActorAccessor.RunAs(Actor.Job(nameof(AuditRetentionJob)));
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-days);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.Set<AuditEntry>().Where(e => e.At < cutoff).ExecuteDeleteAsync(ct);
        if (deleted > 0)
            await audit.RecordAsync("audit.prune", "AuditEntry", null,
                $"Deleted {deleted} audit entries older than {days} days (before {cutoff:yyyy-MM-dd} UTC).", ct: ct);
        return deleted;
    }
}
