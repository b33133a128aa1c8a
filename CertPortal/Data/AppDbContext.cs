using CertPortal.Features.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Data;

/// <summary>
/// The one database. Slices own their entities and EF configuration (<c>IEntityTypeConfiguration</c> in the slice)
/// and reach them with <c>Set&lt;T&gt;()</c>; this class knows none of them by name but the Identity user and the
/// Data Protection keys (kept here, sealed, so that every instance reads the same sign-in cookies).
/// </summary>
public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        UtcDay.Register(builder, Database.ProviderName);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Stored as UTC; read back with Kind=Utc so JSON carries the 'Z' and the UI can convert to local time.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }
}
