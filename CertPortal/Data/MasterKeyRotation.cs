using System.Data.Common;
using System.Xml.Linq;
using CertPortal.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CertPortal.Data;

/// <summary>
/// Re-seals every secret column (found through <see cref="SecretColumn"/>) under a new master key in one transaction.
/// A key file rotation writes the new key beside the old one first (see <see cref="MasterKeyStore"/>).
/// Backing up the key before and after: docs/operations.md.
/// </summary>
public sealed class MasterKeyRotation(
    IDbContextFactory<AppDbContext> dbFactory,
    MasterKeyStore keyStore,
    MasterKeyRing ring,
    TimeProvider clock)
{
    public async Task<(MasterKey Key, int Resealed)> RotateAsync(MasterKey? newKey, CancellationToken ct = default)
    {
        newKey ??= MasterKey.Generate();
        if (newKey.Id == ring.Current.Id)
            throw new MasterKeyException("The new master key is the current one.");
        if (!keyStore.FromEnvironment)
            keyStore.WriteNextKeyFile(newKey);

        var previous = ring.Current;
        ring.Use(newKey);
        var protector = new SecretProtector(ring);
        int resealed;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var connection = db.Database.GetDbConnection();
            resealed = 0;
            foreach (var (table, key, column) in SecretColumns(db))
                resealed += await ResealColumnAsync(connection, tx.GetDbTransaction(), protector, table, key, column, ct);
            resealed += await ResealDataProtectionKeysAsync(db, protector, ct);
            await db.Set<KeyCheck>().ExecuteUpdateAsync(s => s
                .SetProperty(k => k.KeyId, newKey.Id)
                .SetProperty(k => k.UpdatedAt, clock.GetUtcNow().UtcDateTime), ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            ring.Use(previous);
            if (!keyStore.FromEnvironment)
                keyStore.DiscardNextKeyFile();
            throw;
        }

        if (!keyStore.FromEnvironment)
            keyStore.PromoteNextKeyFile();
        return (newKey, resealed);
    }

    // The sign-in cookie keys are sealed too; they are rows of their own, re-sealed in the same transaction.
    private static async Task<int> ResealDataProtectionKeysAsync(AppDbContext db, SecretProtector protector, CancellationToken ct)
    {
        var count = 0;
        foreach (var row in await db.DataProtectionKeys.ToListAsync(ct))
        {
            if (row.Xml is null)
                continue;
            var document = DtdFreeXml.Parse(row.Xml);
            var values = document.DescendantsAndSelf(MasterKeyXmlEncryptor.ElementName).Select(e => e.Element(MasterKeyXmlEncryptor.ValueName)).OfType<XElement>().ToList();
            foreach (var value in values)
                value.Value = protector.Reseal(value.Value);
            row.Xml = document.ToString(SaveOptions.DisableFormatting);
            count += values.Count;
        }
        await db.SaveChangesAsync(ct);
        return count;
    }

    private static IEnumerable<(string Table, string Key, string Column)> SecretColumns(AppDbContext db) =>
        from entity in db.Model.GetEntityTypes()
        let table = entity.GetTableName()
        where table is not null
        from property in entity.GetProperties()
        where property.IsSecret()
        select (table, entity.FindPrimaryKey()!.Properties.Single().GetColumnName(), property.GetColumnName());

    private static async Task<int> ResealColumnAsync(DbConnection connection, DbTransaction tx, SecretProtector protector,
        string table, string key, string column, CancellationToken ct)
    {
        var rows = new List<(object Key, string Value)>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = tx;
            select.CommandText = $"SELECT \"{key}\", \"{column}\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL";
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows.Add((reader.GetValue(0), reader.GetString(1)));
        }
        foreach (var (rowKey, value) in rows)
        {
            await using var update = connection.CreateCommand();
            update.Transaction = tx;
            update.CommandText = $"UPDATE \"{table}\" SET \"{column}\" = @value WHERE \"{key}\" = @key";
            AddParameter(update, "@value", protector.Reseal(value));
            AddParameter(update, "@key", rowKey);
            await update.ExecuteNonQueryAsync(ct);
        }
        return rows.Count;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
