using CertPortal.Data;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace CertPortal.Features.Endpoints.Watching;

/// <summary>
/// The schedule (every 15 minutes, once across instances by Quartz's clustered store): brings in the bindings'
/// endpoints, then looks at the endpoints not looked at for <see cref="DiscoveryOptions.CheckIntervalMinutes"/>, at
/// most <see cref="PerRun"/> per run, the longest unseen first.
/// </summary>
[DisallowConcurrentExecution]
public sealed class EndpointCheckJob(BindingEndpointSync bindings, EndpointChecker checker, IDbContextFactory<AppDbContext> dbFactory,
    IOptions<DiscoveryOptions> options, TimeProvider clock, ILogger<EndpointCheckJob> logger) : IJob
{
    public static readonly JobKey Key = new(nameof(EndpointCheckJob), "endpoints");

    public const int PerRun = 2000;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        using var _ = ActorAccessor.RunAs(Actor.Job(nameof(EndpointCheckJob)));
        await bindings.SyncAsync(ct);
        var dueBefore = clock.GetUtcNow().UtcDateTime.AddMinutes(-options.Value.CheckIntervalMinutes);
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            due = await db.Set<WatchedEndpoint>().Where(e => e.LastCheckedAt == null || e.LastCheckedAt <= dueBefore)
                .OrderBy(e => e.LastCheckedAt).Take(PerRun).Select(e => e.Id).ToListAsync(ct);
        if (due.Count == 0)
            return;
        await checker.CheckAsync(due, ct);
        logger.LogInformation("Looked at {Endpoints} watched endpoint(s)", due.Count);
    }
}
