using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CertPortal.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the portal: SQLite's migrations with
/// <c>--context AppDbContext</c>, PostgreSQL's with <c>--context PostgresAppDbContext</c> (docs/operations.md).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>, IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) => new(Options(b => b.UseSqlite("Data Source=design-time.db")));

    PostgresAppDbContext IDesignTimeDbContextFactory<PostgresAppDbContext>.CreateDbContext(string[] args) =>
        new(Options(b => b.UseNpgsql("Host=localhost;Database=design-time")));

    /// <summary>
    /// Options for a context outside the portal's services (design time, migration tests, the PostgreSQL side of
    /// migrate-to-postgres): Identity reads its schema version (3: with passkeys) from IdentityOptions, as the
    /// running portal configures it.
    /// </summary>
    internal static DbContextOptions<AppDbContext> Options(Action<DbContextOptionsBuilder<AppDbContext>> provider)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        provider(builder);
        return builder.UseApplicationServiceProvider(new ServiceCollection()
            .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3).BuildServiceProvider()).Options;
    }
}
