using Quartz;

namespace CertPortal.Api;

/// <summary>
/// The scheduler part of GET /api/v1/health: whether this instance's scheduler runs, and whether it shares the
/// schedule with other instances (Quartz's clustered store on PostgreSQL) or keeps it in memory (SQLite).
/// </summary>
public sealed record SchedulerHealth(string Status, bool Clustered, string? InstanceId, string Store)
{
    public static async Task<SchedulerHealth> ReadAsync(ISchedulerFactory factory, CancellationToken ct)
    {
        try
        {
            var metadata = await (await factory.GetScheduler(ct)).GetMetadata(ct);
            var status = metadata.Status switch
            {
                SchedulerStatus.Running => "running",
                SchedulerStatus.Standby => "standby",
                _ => "stopped",
            };
            return new SchedulerHealth(status, metadata.JobStoreClustered, metadata.SchedulerInstanceId, metadata.JobStorePersistent ? "postgres" : "memory");
        }
        catch (SchedulerException)
        {
            return new SchedulerHealth("error", false, null, "unknown");
        }
    }
}
