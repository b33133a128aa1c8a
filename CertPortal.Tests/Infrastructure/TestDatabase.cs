namespace CertPortal.Tests.Infrastructure;

/// <summary>
/// Which database the in-process portals of this test run use: SQLite, or PostgreSQL when
/// <c>CERTPORTAL_TEST_DATABASE=postgres</c> (the PostgreSQL lane of run-tests.sh).
/// </summary>
public static class TestDatabase
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static string Lane { get; } =
        string.Equals(Environment.GetEnvironmentVariable("CERTPORTAL_TEST_DATABASE"), Postgres, StringComparison.OrdinalIgnoreCase) ? Postgres : Sqlite;
}
