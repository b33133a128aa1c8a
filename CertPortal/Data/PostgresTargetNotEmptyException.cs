namespace CertPortal.Data;

/// <summary>The PostgreSQL database a copy would go to already holds portal rows; copying would mix two portals.</summary>
public sealed class PostgresTargetNotEmptyException(IEnumerable<string> tables)
    : Exception($"The PostgreSQL database already holds portal rows (in {string.Join(", ", tables)}). " +
        "migrate-to-postgres copies into an empty database only: create a new one, or drop and re-create this one.");
