using System.Reflection;
using CertPortal.Data;
using CertPortal.Data.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace CertPortal.Api;

/// <summary>GET /api/v1/health: anonymous, for load balancers and the Docker HEALTHCHECK.</summary>
public static class HealthEndpoint
{
    /// <summary>The fields are listed in docs/api.md; only the database decides the status code.</summary>
    public sealed record Health(string Status, string Version, string Database, string DatabaseProvider, SchedulerHealth Scheduler, string ProgressRelay);

    public static readonly string Version =
        typeof(HealthEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/health", async (IDbContextFactory<AppDbContext> dbFactory, IOptions<DatabaseOptions> databaseOptions,
                ISchedulerFactory schedulers, ProgressRelay relay, CancellationToken ct) =>
            {
                var database = "ok";
                try
                {
                    await using var db = await dbFactory.CreateDbContextAsync(ct);
                    if (!await db.Database.CanConnectAsync(ct))
                        database = "unreachable";
                }
                catch (Exception)
                {
                    database = "error";
                }
                var provider = databaseOptions.Value.IsPostgres ? DatabaseOptions.Postgres : DatabaseOptions.Sqlite;
                var health = new Health(database == "ok" ? "ok" : "degraded", Version, database, provider, await SchedulerHealth.ReadAsync(schedulers, ct),
                    RelayState(relay));
                return database == "ok" ? Results.Ok(health) : Results.Json(health, statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous()
            .WithTags("health")
            .WithName("Health");

    /// <summary>Whether live progress from other instances arrives: off on SQLite, else listening or connecting.</summary>
    private static string RelayState(ProgressRelay relay) => !relay.Enabled ? "off" : relay.Listening ? "listening" : "connecting";
}
