using CertPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Data;

/// <summary>The model the code builds is the one the migrations create: a change of mapping without its migration fails here.</summary>
public sealed class ModelMigrationsTests
{
    [Fact]
    public void The_model_has_no_change_that_lacks_a_migration()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:")
            .UseApplicationServiceProvider(new ServiceCollection()
                .Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o => o.Stores.SchemaVersion = Microsoft.AspNetCore.Identity.IdentitySchemaVersions.Version3)
                .BuildServiceProvider())
            .Options);
        Assert.False(db.Database.HasPendingModelChanges());
    }
}
