using Quartz;

namespace CertPortal.Hosting;

public static class JobsModule
{
    /// <summary>The Quartz scheduler. Slices register their own jobs and triggers (e.g. AuditRetentionSchedule).</summary>
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddQuartz();
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
