using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CertPortal.Data;

/// <summary>
/// Runs before the portal serves or a command works: applies migrations (on PostgreSQL one instance at a time, under
/// <see cref="MigrationLock"/>), turns on SQLite's WAL and refreshes
/// its query planner's statistics, and loads the master key, refusing a key that does not fit the database.
/// </summary>
public sealed class DatabaseStartup(
    IDbContextFactory<AppDbContext> dbFactory,
    DataProtectionKeysImport keysImport,
    MasterKeyStore keyStore,
    MasterKeyRing ring,
    TimeProvider clock,
    ILogger<DatabaseStartup> logger)
{
    /// <summary>
    /// Migrates and loads the master key. On PostgreSQL under <see cref="MigrationLock"/>, so that instances starting
    /// together neither apply a migration twice nor each write the first key check.
    /// </summary>
    public async Task PrepareAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var _ = db.Database.IsSqlite() ? null : await MigrationLock.TakeAsync(db.Database.GetConnectionString()!, logger, ct);
        await MigrateAsync(db, ct);
        await LoadMasterKeyAsync(ct);
    }

    private async Task MigrateAsync(AppDbContext db, CancellationToken ct)
    {
        var sqlite = db.Database.IsSqlite();
        if (sqlite)
        {
            PrivateFiles.EnsureDatabase(db.Database.GetConnectionString());
            // WAL lets the renewal jobs write while pages read; the setting is stored in the file, so once is enough.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            // The page caches of all pooled connections (up to 2 MB each) share one 8 MB budget in the process: the
            // operating system caches the file anyway, and a page read from there cost no measurable time (README "Memory").
            await db.Database.ExecuteSqlRawAsync("PRAGMA soft_heap_limit=8388608;", ct);
        }
        // On an empty PostgreSQL database EF reads a history table that is not there yet and logs that as an error;
        // making it first (as EF would) keeps a first start's log clean.
        if (!sqlite)
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} database migrations: {Migrations}", pending.Count, pending);
            await db.Database.MigrateAsync(ct);
        }
        if (sqlite)
            await PlannerStatisticsJob.RefreshAsync(db, ct);
        await keysImport.RunAsync(ct);
    }

    private async Task LoadMasterKeyAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var check = await db.Set<KeyCheck>().SingleOrDefaultAsync(ct);
        var candidates = keyStore.Candidates();

        if (check is null)
        {
            var key = candidates.Count > 0 ? candidates[0].Key : keyStore.CreateKeyFile();
            if (candidates.Count == 0)
                logger.LogInformation("Created a new master key ({KeyId}) in {KeyFile}", key.Id, keyStore.KeyFile);
            ring.Use(key);
            db.Add(new KeyCheck { KeyId = key.Id, SealedValue = new SecretProtector(ring).Protect(KeyCheck.KnownValue), UpdatedAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
            return;
        }

        if (candidates.Count == 0)
            throw new MasterKeyException(
                $"This database was sealed with master key {check.KeyId}, but no master key is configured. " +
                $"Set {MasterKeyStore.EnvironmentVariable} or restore {keyStore.KeyFile}.");

        var fitting = candidates.FirstOrDefault(c => c.Key.Id == check.KeyId && Opens(c.Key, check.SealedValue));
        if (fitting.Key is null)
            throw new MasterKeyException(
                $"The master key from {string.Join(" and ", candidates.Select(c => $"{c.Source} ({c.Key.Id})"))} does not fit this database, " +
                $"which was sealed with master key {check.KeyId}. Start with the key the database was created with.");

        if (!keyStore.FromEnvironment && fitting.Source == keyStore.NextKeyFile)
        {
            logger.LogWarning("Finishing an interrupted master key rotation: {KeyFile} now holds key {KeyId}", keyStore.KeyFile, fitting.Key.Id);
            keyStore.PromoteNextKeyFile();
        }
        else if (!keyStore.FromEnvironment && File.Exists(keyStore.NextKeyFile))
        {
            logger.LogWarning("Discarding {NextKeyFile}: a master key rotation stopped before it changed the database", keyStore.NextKeyFile);
            keyStore.DiscardNextKeyFile();
        }
        ring.Use(fitting.Key);
    }

    private static bool Opens(MasterKey key, string sealedValue)
    {
        var probe = new MasterKeyRing();
        probe.Use(key);
        try
        {
            return new SecretProtector(probe).Unprotect(sealedValue) == KeyCheck.KnownValue;
        }
        catch (SecretUnreadableException)
        {
            return false;
        }
    }
}
