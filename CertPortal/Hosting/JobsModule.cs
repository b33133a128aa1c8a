using CertPortal.Data;
using Quartz;

namespace CertPortal.Hosting;

public static class JobsModule
{
    /// <summary>
    /// The Quartz scheduler. Slices register their own jobs and triggers under fixed names (e.g. AuditRetentionSchedule).
    /// On SQLite the schedule lives in memory; on PostgreSQL in Quartz's clustered job store (tables made by the
    /// migrations), so that every instance shares it and each firing runs on one instance only.
    /// </summary>
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        // Quartz fixes its store when it is registered, so the database is read from configuration here.
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString("Default");
        builder.Services.AddQuartz(q =>
        {
            if (!database.IsPostgres)
                return;
            q.ConfigureScheduler(s => s.InstanceName = "CertPortal");
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString ?? "");
                store.UseClustering(_ => { });
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(o =>
                {
                    o.TablePrefix = QuartzSchema.TablePrefix;
                    o.SchemaProvisioning = SchemaProvisioning.Validate;
                });
            });
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
