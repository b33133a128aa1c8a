using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertPortal.Data;

/// <summary>
/// Moves Data Protection keys that earlier versions kept as files in <c>{DataPath}/keys</c> into the database, once,
/// so that people stay signed in across the upgrade. The files are already sealed and are copied as they are; the
/// folder is renamed afterwards so a later start does not read it again.
/// </summary>
public sealed class DataProtectionKeysImport(IDbContextFactory<AppDbContext> dbFactory, IOptions<DataOptions> data, ILogger<DataProtectionKeysImport> logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var folder = DataModule.KeysFolder(data.Value);
        if (!Directory.Exists(folder))
            return;
        var files = Directory.GetFiles(folder, "*.xml");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var known = (await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!known.Contains(name))
                db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = await File.ReadAllTextAsync(file, ct) });
        }
        await db.SaveChangesAsync(ct);
        Directory.Move(folder, folder + ".imported");
        logger.LogInformation("Moved {Count} Data Protection key(s) from {Folder} into the database", files.Length, folder);
    }
}
