using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertPortal.Data;

/// <summary>Makes the context of the configured database: <see cref="PostgresAppDbContext"/> on PostgreSQL.</summary>
public sealed class AppDbContextFactory(DbContextOptions<AppDbContext> options, IOptions<DatabaseOptions> database) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => database.Value.IsPostgres ? new PostgresAppDbContext(options) : new AppDbContext(options);
}
