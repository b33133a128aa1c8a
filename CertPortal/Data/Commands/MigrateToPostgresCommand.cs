using CertPortal.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CertPortal.Data.Commands;

/// <summary>
/// <c>migrate-to-postgres --connection "Host=..."</c>: copies the data folder's SQLite database into an empty
/// PostgreSQL database (README "Several instances on PostgreSQL"). The connection string is never printed.
/// </summary>
internal sealed class MigrateToPostgresCommand(
    IDbContextFactory<AppDbContext> dbFactory,
    SqliteToPostgresCopy copy) : ICliCommand
{
    public string Name => "migrate-to-postgres";

    public string Usage => "--connection \"Host=H;Port=5432;Database=D;Username=U;Password=P\" (copy SQLite into an empty PostgreSQL)";

    public async Task<int> RunAsync(CliArguments args, CancellationToken ct)
    {
        var connection = args.Required("connection");
        NpgsqlConnectionStringBuilder target;
        try
        {
            target = new NpgsqlConnectionStringBuilder(connection);
        }
        catch (ArgumentException)
        {
            await Console.Error.WriteLineAsync("--connection is not a PostgreSQL connection string (Host=...;Database=...;Username=...;Password=...).");
            return 64;
        }

        if (await CheckSourceAsync(ct) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }

        var where = $"{target.Host}:{target.Port}/{target.Database}";
        Console.WriteLine($"Copying the SQLite database into PostgreSQL {where}...");
        IReadOnlyList<SqliteToPostgresCopy.TableRows> counts;
        try
        {
            counts = await copy.CopyAsync(connection, ct);
        }
        catch (PostgresTargetNotEmptyException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 3;
        }
        catch (NpgsqlException e)
        {
            await Console.Error.WriteLineAsync($"PostgreSQL {where} failed: {e.Message} Nothing was copied.");
            return 1;
        }
        catch (DbUpdateException e)
        {
            // One transaction: a row PostgreSQL refused leaves the database as empty as it was.
            await Console.Error.WriteLineAsync($"PostgreSQL {where} refused a row: {e.InnerException?.Message ?? e.Message} Nothing was copied.");
            return 1;
        }
        foreach (var (table, rows) in counts)
            Console.WriteLine($"  {table}: {rows}");
        Console.WriteLine($"Copied {counts.Sum(c => c.Rows)} rows in {counts.Count} tables. Start the portal with " +
            $"{DatabaseOptions.Section}:Provider={DatabaseOptions.Postgres}, this connection string and the same master key.");
        return 0;
    }

    /// <summary>
    /// Null when the configured database is SQLite; otherwise why not. The master key was already checked against it
    /// before any command runs (<see cref="DatabaseStartup"/>), so a key that does not fit never gets here.
    /// </summary>
    private async Task<string?> CheckSourceAsync(CancellationToken ct)
    {
        await using var source = await dbFactory.CreateDbContextAsync(ct);
        return source.Database.IsSqlite() ? null :
            $"migrate-to-postgres copies from SQLite, but {DatabaseOptions.Section}:Provider is '{DatabaseOptions.Postgres}'. " +
            "Run it with the SQLite configuration (the default) on the data folder to move.";
    }
}
