using Microsoft.EntityFrameworkCore;

namespace CertPortal.Data;

/// <summary>
/// The same model on PostgreSQL. Its own type only so that EF keeps a second set of migrations
/// (<c>Data/Migrations/Postgres</c>) beside SQLite's; every service still asks for <see cref="AppDbContext"/>.
/// </summary>
public sealed class PostgresAppDbContext(DbContextOptions<AppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Names that are one regardless of case ("Acme" and "ACME") are NOCASE text in SQLite and citext here: a
        // case-insensitive type keeps unique indexes and LIKE working, which PostgreSQL's nondeterministic collations
        // do not (LIKE) before version 18.
        builder.HasPostgresExtension("citext");
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.GetCollation() != CaseInsensitiveText.Collation)
                continue;
            property.SetCollation(null);
            property.SetColumnType("citext");
        }
    }
}
