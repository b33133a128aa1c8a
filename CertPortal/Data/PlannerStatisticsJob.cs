using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CertPortal.Data;

/// <summary>
/// Keeps SQLite's query planner statistics current (<c>PRAGMA optimize</c>, as SQLite advises for long-running
/// applications): without them it picks a narrow index over the covering one, and the dashboard's counts over tens
/// of thousands of runs read every row. Runs at start-up and every six hours. The analysis is exact (no
/// <c>analysis_limit</c>): a sampled one guesses a status column's few values to be hundreds, and the planner then
/// prefers the status index again; the exact pass over 50,000 runs takes about 50 ms, and SQLite redoes a table only
/// when its size changed tenfold. SQLite only.
/// </summary>
[DisallowConcurrentExecution]
public sealed class PlannerStatisticsJob(IDbContextFactory<AppDbContext> dbFactory) : IJob
{
    public static readonly JobKey Key = new(nameof(PlannerStatisticsJob), "data");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // PostgreSQL's autovacuum keeps its statistics itself.
        if (!db.Database.IsSqlite())
            return;
        await db.Database.OpenConnectionAsync(ct);
        await RefreshAsync(db, ct);
    }

    /// <summary>0x10002: look at every table, not only those this connection used, and analyse those that need it.</summary>
    public static async Task RefreshAsync(AppDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=0;", ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
    }
}
