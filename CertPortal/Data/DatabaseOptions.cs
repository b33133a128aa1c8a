namespace CertPortal.Data;

/// <summary>
/// Section <c>CertPortal:Database</c>: which database the portal keeps its rows in. SQLite (one file in the data
/// folder) for one instance; PostgreSQL (<c>ConnectionStrings:Default</c>) when several instances share the work.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "CertPortal:Database";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public string Provider { get; set; } = Sqlite;

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);
}
