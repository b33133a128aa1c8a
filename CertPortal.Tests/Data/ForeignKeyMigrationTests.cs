using CertPortal.Data;
using CertPortal.Features.Deployments;
using CertPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Data;

/// <summary>
/// The foreign keys on a portal database that grew up without them: rows pointing at something deleted are removed
/// (or their optional reference cleared) before the keys are added, and from then on SQLite refuses new ones.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.Sqlite)]
public sealed class ForeignKeyMigrationTests
{
    private const string BeforeForeignKeys = "20261202214001_ExpiryTimelineIndex";

    private static readonly string
        Customer = Id(1), Ghost = Id(2), CertOk = Id(10), CertGhost = Id(11), CertWithProvider = Id(12), Provider = Id(20), GhostProvider = Id(21),
        TargetOk = Id(30), TargetGhost = Id(31), BindingOk = Id(40), BindingNoTarget = Id(41), BindingGhostCert = Id(42), RunOk = Id(50), RunOrphan = Id(51),
        Root = Id(60), Child = Id(61), GhostCa = Id(62), SharedAccount = Id(70), GhostAccount = Id(71), ClientOk = Id(80), ClientNoCa = Id(81), ClientRenewed = Id(82),
        VersionOk = Id(90), VersionOrphan = Id(91);

    [Fact]
    public async Task Migrating_a_database_with_orphans_removes_or_clears_them_keeps_the_rest_and_leaves_no_foreign_key_violation()
    {
        using var folder = new TempFolder("fk-migration");
        await using (var db = Open(folder))
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeForeignKeys);
            await using (var raw = new SqliteConnection(ConnectionString(folder)))
            {
                // Plain ADO: EF's raw SQL would read the JSON braces as format placeholders.
                await raw.OpenAsync();
                await using var insert = raw.CreateCommand();
                insert.CommandText = Orphans;
                await insert.ExecuteNonQueryAsync();
            }
            await db.GetService<IMigrator>().MigrateAsync();
        }

        await using var connection = new SqliteConnection(ConnectionString(folder));
        await connection.OpenAsync();
        Assert.Empty(await RowsAsync(connection, "PRAGMA foreign_key_check"));
        Assert.Equal([CertOk, CertWithProvider], await RowsAsync(connection, "SELECT Id FROM Certificates ORDER BY Id"));
        Assert.Equal([""], await RowsAsync(connection, $"SELECT coalesce(DnsProviderId, '') || coalesce(AcmeAccountId, '') FROM Certificates WHERE Id = '{CertOk}'"));
        Assert.Equal([Provider], await RowsAsync(connection, $"SELECT DnsProviderId FROM Certificates WHERE Id = '{CertWithProvider}'"));
        Assert.Equal([VersionOk], await RowsAsync(connection, "SELECT Id FROM CertificateVersions"));
        Assert.Equal([TargetOk], await RowsAsync(connection, "SELECT Id FROM Targets"));
        Assert.Equal([Provider], await RowsAsync(connection, "SELECT Id FROM DnsProviders"));
        Assert.Equal([BindingOk], await RowsAsync(connection, "SELECT Id FROM Deployments"));
        Assert.Equal([RunOk], await RowsAsync(connection, "SELECT Id FROM DeploymentRuns"));
        Assert.Equal([Root, Child], await RowsAsync(connection, "SELECT Id FROM CertificateAuthorities ORDER BY Id"));
        Assert.Equal([""], await RowsAsync(connection, $"SELECT coalesce(ParentCaId, '') FROM CertificateAuthorities WHERE Id = '{Child}'"));
        Assert.Equal([SharedAccount], await RowsAsync(connection, "SELECT Id FROM AcmeAccounts"));
        Assert.Equal([ClientOk, ClientRenewed], await RowsAsync(connection, "SELECT Id FROM ClientCertificates ORDER BY Id"));
        Assert.Equal([""], await RowsAsync(connection, $"SELECT coalesce(RenewedFromId, '') FROM ClientCertificates WHERE Id = '{ClientRenewed}'"));
    }

    [Fact]
    public async Task The_portal_connection_enforces_foreign_keys_so_a_binding_to_a_missing_target_is_refused()
    {
        await using var portal = new PortalFactory();
        var customer = await portal.SeedCustomerAsync();
        await portal.InScopeAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            Assert.Equal(1L, await db.Database.SqlQueryRaw<long>("SELECT foreign_keys AS Value FROM pragma_foreign_keys").SingleAsync());
            db.Add(new Deployment { Id = Guid.NewGuid(), CustomerId = customer.Id, CertificateId = Guid.NewGuid(), TargetId = Guid.NewGuid(), CreatedAt = DateTime.UtcNow });
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Contains("FOREIGN KEY constraint failed", refused.InnerException?.Message);
            return 0;
        });
    }

    private static AppDbContext Open(TempFolder folder) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(ConnectionString(folder))
            .UseApplicationServiceProvider(new ServiceCollection()
                .Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o => o.Stores.SchemaVersion = Microsoft.AspNetCore.Identity.IdentitySchemaVersions.Version3)
                .BuildServiceProvider())
            .Options);

    private static string ConnectionString(TempFolder folder) => $"Data Source={Path.Combine(folder.Path, "portal.db")}";

    private static async Task<List<string>> RowsAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.IsDBNull(0) ? "<null>" : reader.GetValue(0).ToString()!);
        return rows;
    }

    private static string Id(int n) => $"00000000-0000-0000-0000-{n:D12}";

    private static string Now => "2026-12-01 00:00:00";

    private const string EmptyJson = "{}";

    // What unguarded deletes could leave behind: a customer's rows after the customer, bindings after their target,
    // runs after their binding, a child CA after its parent, client certificates after their CA, references to gone providers and accounts.
    private static string Orphans => $"""
        PRAGMA foreign_keys = 0;
        INSERT INTO Customers (Id, Name, Notes, AlertEmails, CreatedAt, UpdatedAt) VALUES ('{Customer}', 'Contoso', '', '[]', '{Now}', '{Now}');
        INSERT INTO DnsProviders (Id, CustomerId, Name, Type, Settings, CreatedAt, UpdatedAt) VALUES
            ('{Provider}', '{Customer}', 'dns', 'manual', '{EmptyJson}', '{Now}', '{Now}'), ('{GhostProvider}', '{Ghost}', 'gone', 'manual', '{EmptyJson}', '{Now}', '{Now}');
        INSERT INTO AcmeAccounts (Id, CustomerId, Name, DirectoryUrl, Email, SealedAccountKey, KeyAlgorithm, AccountUrl, CreatedAt) VALUES
            ('{SharedAccount}', NULL, 'shared', 'https://acme.test/dir', 'a@b.test', 'x', 'ES256', '', '{Now}'),
            ('{GhostAccount}', '{Ghost}', 'gone', 'https://acme.test/dir', 'a@b.test', 'x', 'ES256', '', '{Now}');
        INSERT INTO Certificates (Id, CustomerId, CommonName, SubjectAlternativeNames, Source, ChallengeType, KeyType, AutoRenew, Status, CurrentVersion,
                FailureCount, CreatedAt, UpdatedAt, DnsProviderId, AcmeAccountId) VALUES
            ('{CertOk}', '{Customer}', 'www.contoso.test', '[]', 'acme', 'dns-01', 'ec256', 1, 'valid', 1, 0, '{Now}', '{Now}', '{GhostProvider}', '{GhostAccount}'),
            ('{CertWithProvider}', '{Customer}', 'vpn.contoso.test', '[]', 'acme', 'dns-01', 'ec256', 1, 'valid', 0, 0, '{Now}', '{Now}', '{Provider}', '{SharedAccount}'),
            ('{CertGhost}', '{Ghost}', 'old.gone.test', '[]', 'acme', 'dns-01', 'ec256', 1, 'valid', 1, 0, '{Now}', '{Now}', NULL, NULL);
        INSERT INTO CertificateVersions (Id, CertificateId, Version, SerialNumber, NotBefore, NotAfter, ThumbprintSha256, Issuer, LeafPem, ChainPem, SealedPrivateKey, CreatedAt) VALUES
            ('{VersionOk}', '{CertOk}', 1, '01', '{Now}', '{Now}', 'aa', 'CN=CA', '', '', 'x', '{Now}'),
            ('{VersionOrphan}', '{CertGhost}', 1, '02', '{Now}', '{Now}', 'bb', 'CN=CA', '', '', 'x', '{Now}');
        INSERT INTO Targets (Id, CustomerId, Name, Type, Settings, CreatedAt, UpdatedAt) VALUES
            ('{TargetOk}', '{Customer}', 'fw1', 'webhook', '{EmptyJson}', '{Now}', '{Now}'), ('{TargetGhost}', '{Ghost}', 'fw-gone', 'webhook', '{EmptyJson}', '{Now}', '{Now}');
        INSERT INTO Deployments (Id, CustomerId, CertificateId, TargetId, Options, AutoDeploy, CreatedAt) VALUES
            ('{BindingOk}', '{Customer}', '{CertOk}', '{TargetOk}', '{EmptyJson}', 1, '{Now}'),
            ('{BindingNoTarget}', '{Customer}', '{CertOk}', '{Id(99)}', '{EmptyJson}', 1, '{Now}'),
            ('{BindingGhostCert}', '{Customer}', '{CertGhost}', '{TargetOk}', '{EmptyJson}', 1, '{Now}');
        INSERT INTO DeploymentRuns (Id, DeploymentId, CertificateVersion, Status, Steps, TriggeredBy, Forced, Attempt, QueuedAt) VALUES
            ('{RunOk}', '{BindingOk}', 1, 'succeeded', '[]', 'test', 0, 1, '{Now}'), ('{RunOrphan}', '{BindingNoTarget}', 1, 'failed', '[]', 'test', 0, 1, '{Now}');
        INSERT INTO CertificateAuthorities (Id, CustomerId, ParentCaId, Name, Subject, KeyType, Imported, CertificatePem, UpstreamChainPem, SealedPrivateKey,
                SerialNumber, ThumbprintSha256, NotBefore, NotAfter, CrlNumber, CreatedAt) VALUES
            ('{Root}', '{Customer}', NULL, 'root', 'CN=root', 'ec256', 0, '', '', 'x', '01', 'aa', '{Now}', '{Now}', 1, '{Now}'),
            ('{Child}', '{Customer}', '{Id(98)}', 'child', 'CN=child', 'ec256', 0, '', '', 'x', '02', 'bb', '{Now}', '{Now}', 1, '{Now}'),
            ('{GhostCa}', '{Ghost}', NULL, 'gone', 'CN=gone', 'ec256', 0, '', '', 'x', '03', 'cc', '{Now}', '{Now}', 1, '{Now}');
        INSERT INTO ClientCertificates (Id, CustomerId, CaId, CommonName, Usage, SubjectAlternativeNames, KeyType, ValidityDays, Subject, SerialNumber,
                NotBefore, NotAfter, ThumbprintSha256, CertificatePem, ChainPem, Status, CreatedAt, RenewedFromId) VALUES
            ('{ClientOk}', '{Customer}', '{Root}', 'alice', 'client', '[]', 'ec256', 30, 'CN=alice', '0a', '{Now}', '{Now}', 'a1', '', '', 'valid', '{Now}', NULL),
            ('{ClientNoCa}', '{Customer}', '{GhostCa}', 'bob', 'client', '[]', 'ec256', 30, 'CN=bob', '0b', '{Now}', '{Now}', 'b1', '', '', 'valid', '{Now}', NULL),
            ('{ClientRenewed}', '{Customer}', '{Root}', 'carol', 'client', '[]', 'ec256', 30, 'CN=carol', '0c', '{Now}', '{Now}', 'c1', '', '', 'valid', '{Now}', '{Id(97)}');
        PRAGMA foreign_keys = 1;
        """;
}
