using CertPortal.Data;
using CertPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace CertPortal.Tests.Data;

/// <summary>
/// Both databases the portal runs on, against a real PostgreSQL: every migration goes up and back down on each, the
/// model has no change a migration lacks, instances starting together migrate once, and what one instance sealed
/// (sign-in cookies) another opens.
/// </summary>
public sealed class DatabaseProviderTests
{
    [Fact]
    public async Task Every_migration_goes_up_down_and_up_again_on_sqlite_and_the_model_needs_no_new_one()
    {
        using var folder = new TempFolder("migrations-sqlite");
        await using var db = new AppDbContext(DesignTimeDbContextFactory.Options(o => o.UseSqlite($"Data Source={Path.Combine(folder.Path, "portal.db")}")));
        await UpDownUpAsync(db);
    }

    [Fact]
    public async Task Every_migration_goes_up_down_and_up_again_on_postgres_and_the_model_needs_no_new_one()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var db = new PostgresAppDbContext(DesignTimeDbContextFactory.Options(o => o.UseNpgsql(connectionString)));
        await UpDownUpAsync(db);

        // Quartz's clustered store finds every table and column it needs in what the migrations made.
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'qrtz%'", connection);
        Assert.True((long)(await count.ExecuteScalarAsync())! >= 11);
    }

    [Fact]
    public async Task Two_instances_starting_at_once_on_an_empty_postgres_database_migrate_it_once_and_share_sign_in_keys_and_the_schedule()
    {
        using var instances = await PortalInstances.CreateAsync();
        var (first, second) = (instances.First, instances.Second);

        // Both start together: EF takes PostgreSQL's advisory lock while one migrates, and the other waits for it.
        await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));

        await using (var db = await first.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            Assert.IsType<PostgresAppDbContext>(db);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal((await db.Database.GetAppliedMigrationsAsync()).Count(), (await db.Database.GetAppliedMigrationsAsync()).Distinct().Count());
        }

        // A cookie protected on one instance opens on the other: the keys are rows, sealed under the master key.
        var sealedByFirst = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("signed-in");
        Assert.Equal("signed-in", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedByFirst));
        await using (var db = await second.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var stored = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
            Assert.NotEmpty(stored);
            Assert.All(stored, xml => Assert.Contains("sealedKey", xml, StringComparison.Ordinal));
            Assert.All(stored, xml => Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal));
        }

        // One schedule: both schedulers are members of the same cluster.
        foreach (var portal in new[] { first, second })
        {
            var scheduler = await portal.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var metadata = await scheduler.GetMetadata();
            Assert.True(metadata.JobStoreClustered);
            Assert.True(metadata.JobStorePersistent);
        }
    }

    private static async Task UpDownUpAsync(AppDbContext db)
    {
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync();
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no migration makes: add one for each database (docs/operations.md).");
        await migrator.MigrateAsync(Migration.InitialDatabase);
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
        await migrator.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}
