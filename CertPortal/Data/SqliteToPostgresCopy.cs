using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CertPortal.Data;

/// <summary>
/// Copies every row of the SQLite database into an empty PostgreSQL database, through EF on both sides so that each
/// value (dates stored as text, JSON columns, Identity's rows) is read and written as its own type. Sealed values are
/// copied as they are: the same master key opens them there. One transaction; the tables in foreign-key order.
/// Moving a portal this way: docs/operations.md.
/// </summary>
public sealed class SqliteToPostgresCopy(IDbContextFactory<AppDbContext> sqliteFactory, ILogger<SqliteToPostgresCopy> logger)
{
    public sealed record TableRows(string Table, int Rows);

    /// <summary>Applies PostgreSQL's migrations, refuses a database with portal rows, then copies table by table.</summary>
    public async Task<IReadOnlyList<TableRows>> CopyAsync(string connectionString, CancellationToken ct = default)
    {
        await using var target = new PostgresAppDbContext(DesignTimeDbContextFactory.Options(o => o.UseNpgsql(connectionString)));
        await using (await MigrationLock.TakeAsync(connectionString, logger, ct))
            await target.Database.MigrateAsync(ct);

        var tables = TableOrder.Of(target.Model);
        var occupied = new List<string>();
        foreach (var entity in tables)
        {
            if (await HasRowsAsync(target, entity, ct))
                occupied.Add(entity.GetTableName()!);
        }
        if (occupied.Count > 0)
            throw new PostgresTargetNotEmptyException(occupied);

        var counts = new List<TableRows>();
        await using var tx = await target.Database.BeginTransactionAsync(ct);
        foreach (var entity in tables)
        {
            counts.Add(new TableRows(entity.GetTableName()!, await CopyTableAsync(target, entity, ct)));
            await ResetIdentityAsync(target, entity, ct);
        }
        await tx.CommitAsync(ct);
        return counts;
    }

    private async Task<int> CopyTableAsync(AppDbContext target, IEntityType entity, CancellationToken ct)
    {
        await using var source = await sqliteFactory.CreateDbContextAsync(ct);
        var copy = typeof(SqliteToPostgresCopy).GetMethod(nameof(CopyRowsAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        // A table whose rows point at each other goes in one save, which EF orders; others in batches, so that a long
        // audit log never has to fit in memory at once.
        var batch = entity.GetForeignKeys().Any(fk => fk.PrincipalEntityType.GetRootType() == entity) ? int.MaxValue : BatchSize;
        return await (Task<int>)copy.MakeGenericMethod(entity.ClrType).Invoke(null, [source, target, batch, ct])!;
    }

    private const int BatchSize = 1000;

    private static async Task<int> CopyRowsAsync<T>(AppDbContext source, AppDbContext target, int batchSize, CancellationToken ct) where T : class
    {
        var (count, pending) = (0, 0);
        await foreach (var row in source.Set<T>().AsAsyncEnumerable().WithCancellation(ct))
        {
            // Tracked on both sides: values EF keeps beside the object (shadow properties) are copied entry to entry.
            var from = source.Entry(row);
            var to = target.Add(row);
            foreach (var property in to.Metadata.GetProperties().Where(p => p.IsShadowProperty()))
                to.Property(property.Name).CurrentValue = from.Property(property.Name).CurrentValue;
            if (++pending < batchSize)
                continue;
            count += await SaveAsync(source, target, pending, ct);
            pending = 0;
        }
        return count + await SaveAsync(source, target, pending, ct);
    }

    private static async Task<int> SaveAsync(AppDbContext source, AppDbContext target, int rows, CancellationToken ct)
    {
        await target.SaveChangesAsync(ct);
        target.ChangeTracker.Clear();
        source.ChangeTracker.Clear();
        return rows;
    }

    private static async Task<bool> HasRowsAsync(AppDbContext target, IEntityType entity, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)target.Database.GetDbConnection();
        await target.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {Quoted(entity)})", connection);
        return await command.ExecuteScalarAsync(ct) is true;
    }

    // Rows came with their keys; the identity sequence must continue after the highest, or the next insert collides.
    private static async Task ResetIdentityAsync(AppDbContext target, IEntityType entity, CancellationToken ct)
    {
        if (entity.FindPrimaryKey()?.Properties is not [var key] || key.ValueGenerated != ValueGenerated.OnAdd
            || (key.ClrType != typeof(int) && key.ClrType != typeof(long)))
            return;
        var column = key.GetColumnName();
        var table = Quoted(entity);
        await using var command = new NpgsqlCommand(
            $"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), COALESCE((SELECT MAX(\"{column}\") FROM {table}), 0) + 1, false)",
            (NpgsqlConnection)target.Database.GetDbConnection(), (NpgsqlTransaction?)target.Database.CurrentTransaction?.GetDbTransaction());
        await command.ExecuteScalarAsync(ct);
    }

    private static string Quoted(IEntityType entity) =>
        entity.GetSchema() is { } schema ? $"\"{schema}\".\"{entity.GetTableName()}\"" : $"\"{entity.GetTableName()}\"";
}
