namespace CertPortal.Data;

/// <summary>How a slice marks a name column as compared without regard to case, on either database.</summary>
public static class CaseInsensitiveText
{
    /// <summary>SQLite's built-in collation; <see cref="PostgresAppDbContext"/> turns it into citext.</summary>
    public const string Collation = "NOCASE";
}
