using Npgsql;

namespace CertPortal.Data;

/// <summary>
/// A PostgreSQL advisory lock held while one instance migrates: instances that start together wait here, then find
/// nothing left to apply. Two instances migrating at once would both try to apply the first migration (seen in
/// the tests: a duplicate key in the migrations history).
/// </summary>
public sealed class MigrationLock : IAsyncDisposable
{
    // Any fixed number will do, as long as nothing else in the database uses it: "CertPort" in ASCII.
    private const long Key = 0x43657274506f7274;

    private readonly NpgsqlConnection _connection;

    private MigrationLock(NpgsqlConnection connection) => _connection = connection;

    public static async Task<MigrationLock> TakeAsync(string connectionString, ILogger logger, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({Key})", connection))
        {
            if (await tryLock.ExecuteScalarAsync(ct) is true)
                return new MigrationLock(connection);
        }
        logger.LogInformation("Another instance is migrating the database; waiting for it");
        await using (var wait = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 })
            await wait.ExecuteNonQueryAsync(ct);
        return new MigrationLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the session releases the lock too; unlocking first keeps a pooled connection from carrying it.
        await using (var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", _connection))
            await unlock.ExecuteNonQueryAsync();
        await _connection.DisposeAsync();
    }
}
