using Quartz;

namespace CertPortal.Data;

internal static class PlannerStatisticsSchedule
{
    /// <summary>Every six hours, at minute 41: off the hour, when other jobs crowd.</summary>
    public static IServiceCollection AddPlannerStatistics(this IServiceCollection services) => services.AddQuartz(q => q
        .AddJob<PlannerStatisticsJob>(j => j.WithIdentity(PlannerStatisticsJob.Key).StoreDurably())
        .AddTrigger(t => t.ForJob(PlannerStatisticsJob.Key).WithIdentity("planner-statistics", "data").WithCronSchedule("0 41 */6 * * ?", c => c.InTimeZone(TimeZoneInfo.Utc))));
}
