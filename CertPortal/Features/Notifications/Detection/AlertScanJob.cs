using CertPortal.Security;
using Quartz;

namespace CertPortal.Features.Notifications.Detection;

/// <summary>The alert scan on its schedule (<c>CertPortal:Notifications:ScanMinutes</c>, default 15).</summary>
[DisallowConcurrentExecution]
public sealed class AlertScanJob(AlertScan scan) : IJob
{
    public static readonly JobKey Key = new(nameof(AlertScanJob), "notifications");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var actor = Actor.Job(nameof(AlertScanJob));
        using var _ = ActorAccessor.RunAs(actor);
        await scan.RunAsync(actor, ct);
    }
}
