using System.Text.Json;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.CertificateAuthorities;
using CertPortal.Features.Customers;
using CertPortal.Features.DnsProviders;
using CertPortal.Features.Users;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Data;

/// <summary>
/// <c>migrate-to-postgres</c> through the real binary: a SQLite portal with real content moves into an empty
/// PostgreSQL database, and a portal started there with the same master key has every row, opens the sealed secrets
/// and signs its users in. A database that already holds a portal is refused.
/// </summary>
// It moves a SQLite portal to PostgreSQL on its own: the PostgreSQL lane has nothing to add.
[Trait(TestDatabase.Trait, TestDatabase.Sqlite)]
public sealed class MigrateToPostgresTests
{
    private const string TsigSecret = "c2VjcmV0LXRzaWcta2V5LWZvci10aGUtbW92ZQ==";
    private const string Email = "moved-admin@msp.test";

    [Fact]
    public async Task A_sqlite_portal_moves_to_postgres_with_every_row_its_sealed_secrets_and_its_sign_ins()
    {
        using var folder = new TempFolder("move-to-postgres");
        var key = MasterKey.Generate().ToBase64();
        var (customer, provider, ca) = await SeedAsync(folder.Path, key);
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();

        var run = await PortalCli.RunAsync(folder.Path, Environment(key), "migrate-to-postgres", "--connection", connectionString);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("AspNetUsers: 1", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Customers: 1", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("KeyCheck: 1", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"AuditEntries: 15\d\d", run.Stdout);
        Assert.DoesNotContain(connectionString, run.Stdout + run.Stderr, StringComparison.Ordinal);
        await AssertSameRowsAsync(Path.Combine(folder.Path, "certportal.db"), connectionString);

        using var portal = new PortalFactory { PostgresConnectionString = connectionString };
        portal.Settings["CERTPORTAL_MASTER_KEY"] = key;
        var test = Actor.CommandLine("test");
        var moved = await portal.InScopeAsync(async sp => (await sp.GetRequiredService<CustomerService>().GetAsync(customer.Id, test)).Value!);
        Assert.Equal(customer.Name, moved.Name);
        // PostgreSQL keeps microseconds where SQLite's text kept ticks of 100 ns.
        Assert.Equal(customer.CreatedAt, moved.CreatedAt, TimeSpan.FromMicroseconds(1));
        Assert.Equal(DateTimeKind.Utc, moved.CreatedAt.Kind);

        // Sealed values came byte for byte, and the same key opens them: the DNS secret and the CA's private key.
        var secrets = await portal.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var row = await db.Set<DnsProvider>().SingleAsync(p => p.Id == provider.Id);
            return sp.GetRequiredService<SecretProtector>().Unprotect(row.SealedSecrets!);
        });
        Assert.Contains(TsigSecret, secrets, StringComparison.Ordinal);
        var signs = await portal.InScopeAsync(async sp =>
        {
            using var issuer = (await sp.GetRequiredService<ICaSigning>().OpenIssuerAsync(ca.Id, test)).Value!;
            return issuer.Issuer.Certificate.HasPrivateKey;
        });
        Assert.True(signs);

        // The password hash came along, and so did the cookie keys' sequence: a new key row gets a fresh id.
        await portal.BrowserLikeClient().SignInAsync(Email, TestPasswords.Default);
        await portal.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "after-the-move", Xml = "<key />" });
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task A_postgres_database_that_already_holds_a_portal_is_refused_and_left_as_it_was()
    {
        var key = MasterKey.Generate().ToBase64();
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        using (var existing = new PortalFactory { PostgresConnectionString = connectionString })
        {
            existing.Settings["CERTPORTAL_MASTER_KEY"] = key;
            await existing.SeedCustomerAsync("Already here");
        }
        using var folder = new TempFolder("move-refused");

        var run = await PortalCli.RunAsync(folder.Path, Environment(key), "migrate-to-postgres", "--connection", connectionString);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("already holds portal rows", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Customers", run.Stderr, StringComparison.Ordinal);
        await using var db = new PostgresAppDbContext(DesignTimeDbContextFactory.Options(o => o.UseNpgsql(connectionString)));
        Assert.Equal(["Already here"], await db.Set<Customer>().Select(c => c.Name).ToListAsync());
    }

    [Fact]
    public async Task No_connection_string_is_a_usage_error()
    {
        using var folder = new TempFolder("move-usage");
        var run = await PortalCli.RunAsync(folder.Path, Environment(MasterKey.Generate().ToBase64()), "migrate-to-postgres");
        Assert.Equal(64, run.ExitCode);
        Assert.Contains("--connection is required", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_master_key_that_does_not_open_the_sqlite_database_stops_before_postgres_is_touched()
    {
        using var folder = new TempFolder("move-wrong-key");
        Assert.Equal(0, (await PortalCli.RunAsync(folder.Path, Environment(MasterKey.Generate().ToBase64()), "migrate")).ExitCode);
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();

        var run = await PortalCli.RunAsync(folder.Path, Environment(MasterKey.Generate().ToBase64()), "migrate-to-postgres", "--connection", connectionString);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("does not fit", run.Stderr, StringComparison.Ordinal);
        await using var db = new PostgresAppDbContext(DesignTimeDbContextFactory.Options(o => o.UseNpgsql(connectionString)));
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
    }

    private static Dictionary<string, string> Environment(string key) => new() { ["CERTPORTAL_MASTER_KEY"] = key };

    private static async Task<(CustomerView, DnsProviderView, CaView)> SeedAsync(string dataPath, string key)
    {
        using var portal = new PortalFactory(dataPath) { AlwaysSqlite = true };
        portal.Settings["CERTPORTAL_MASTER_KEY"] = key;
        var test = Actor.CommandLine("test");
        await portal.CreateUserAsync(Email, Roles.Admin);
        await portal.SeedTokenAsync(Roles.Admin);
        var customer = await portal.SeedCustomerAsync("Moving Customer");
        var provider = await portal.InScopeAsync(async sp => (await sp.GetRequiredService<DnsProviderService>().CreateAsync(new DnsProviderInput(
            customer.Id, "Registrar", "rfc2136",
            new Dictionary<string, JsonElement>
            {
                ["nameserver"] = JsonSerializer.SerializeToElement("127.0.0.1:53"), ["zone"] = JsonSerializer.SerializeToElement("moving.test"),
                ["tsigKeyName"] = JsonSerializer.SerializeToElement("move-key"), ["tsigAlgorithm"] = JsonSerializer.SerializeToElement("hmac-sha256"),
            },
            new Dictionary<string, string?> { ["tsigSecret"] = TsigSecret }), test)).Value!);
        var ca = await portal.InScopeAsync(async sp =>
            (await sp.GetRequiredService<CaService>().CreateAsync(new CaInput(customer.Id, "Moving CA", "CN=Moving CA", "ec256", 365), test)).Value!);
        // More audit entries than one batch of the copy holds.
        await portal.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.AddRange(Enumerable.Range(0, 1500).Select(i => new AuditEntry
            {
                At = DateTime.UtcNow.AddMinutes(-i), Actor = "cli:test", ActorKind = ActorKind.Cli, Action = "test.seed",
                EntityType = "Customer", EntityId = customer.Id.ToString(), CustomerId = customer.Id, Summary = $"Entry {i}",
            }));
            return await db.SaveChangesAsync();
        });
        // A sign-in writes the cookie keys (DataProtectionKeys, an identity column) besides the audit entries.
        await portal.BrowserLikeClient().SignInAsync(Email, TestPasswords.Default);
        return (customer, provider, ca);
    }

    private static async Task AssertSameRowsAsync(string sqliteFile, string connectionString)
    {
        await using var sqlite = new AppDbContext(DesignTimeDbContextFactory.Options(o => o.UseSqlite($"Data Source={sqliteFile}")));
        await using var postgres = new PostgresAppDbContext(DesignTimeDbContextFactory.Options(o => o.UseNpgsql(connectionString)));
        var counted = 0L;
        foreach (var table in TableOrder.Of(sqlite.Model).Select(e => e.GetTableName()!))
        {
            var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"";
            var expected = await sqlite.Database.SqlQueryRaw<long>(sql).SingleAsync();
            Assert.Equal((table, expected), (table, await postgres.Database.SqlQueryRaw<long>(sql).SingleAsync()));
            counted += expected;
        }
        Assert.True(counted > 10, $"Only {counted} rows were seeded.");
    }
}
