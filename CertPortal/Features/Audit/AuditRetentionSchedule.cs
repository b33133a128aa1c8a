using Quartz;

namespace CertPortal.Features.Audit;

internal static class AuditRetentionSchedule
{
    /// <summary>The job declares its own schedule: every night at 03:17 UTC, off the hour when other jobs crowd.</summary>
    public static IServiceCollection AddAuditRetention(this IServiceCollection services)
    {
        services.AddOptions<AuditRetentionOptions>().BindConfiguration(AuditRetentionOptions.Section);
        services.AddQuartz(q => q
            .AddJob<AuditRetentionJob>(j => j.WithIdentity(AuditRetentionJob.Key).StoreDurably())
            .AddTrigger(t => t.ForJob(AuditRetentionJob.Key).WithIdentity("audit-retention-nightly", "audit")
                .WithCronSchedule("0 17 3 * * ?", c => c.InTimeZone(TimeZoneInfo.Utc))));
        return services;
    }
}
