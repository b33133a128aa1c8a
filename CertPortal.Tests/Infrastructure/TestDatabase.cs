namespace CertPortal.Tests.Infrastructure;

/// <summary>
/// Which database the in-process portals of this test run use: SQLite, or PostgreSQL when
/// <c>CERTPORTAL_TEST_DATABASE=postgres</c> (the PostgreSQL lane of run-tests.sh).
/// </summary>
public static class TestDatabase
{
    public const string Sqlite = "sqlite";

    /// <summary>
    /// The trait of a test about SQLite itself (its file, its pragmas, the command line on the data folder):
    /// <c>[Trait(TestDatabase.Trait, TestDatabase.Sqlite)]</c>. The PostgreSQL lane leaves such tests out.
    /// </summary>
    public const string Trait = "Database";
    public const string Postgres = "postgres";

    public static string Lane { get; } =
        string.Equals(Environment.GetEnvironmentVariable("CERTPORTAL_TEST_DATABASE"), Postgres, StringComparison.OrdinalIgnoreCase) ? Postgres : Sqlite;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> ByDataPath = new();

    /// <summary>
    /// In the PostgreSQL lane, the database of a data folder (made on first use), so that a portal restarted on the
    /// same folder, in process or as its own process, finds the same rows; null in the SQLite lane.
    /// </summary>
    public static string? PostgresFor(string dataPath) => Lane != Postgres ? null : ByDataPath.GetOrAdd(dataPath,
        _ => Task.Run(async () => await (await PostgresServer.SharedAsync()).CreateDatabaseAsync()).GetAwaiter().GetResult());

    /// <summary>The settings, as environment variables, that put a portal process of this lane on its database.</summary>
    public static void AddTo(IDictionary<string, string?> environment, string dataPath)
    {
        if (PostgresFor(dataPath) is not { } connectionString)
            return;
        environment["CertPortal__Database__Provider"] = Postgres;
        environment["ConnectionStrings__Default"] = connectionString;
    }
}
