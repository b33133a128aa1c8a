using System.Text.Json;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Settings;

/// <summary>Reads and writes one settings group as a typed record; a group never saved reads as its defaults.</summary>
public sealed class SettingsStore(IDbContextFactory<AppDbContext> dbFactory, SealedSettings sealer, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<T> GetAsync<T>(string key, T defaults, CancellationToken ct) where T : class
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Set<PortalSetting>().AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, ct);
        return row is null ? defaults : JsonSerializer.Deserialize<T>(row.Json, Json) ?? defaults;
    }

    /// <summary>The group's secrets, unsealed; empty when none are stored.</summary>
    public async Task<Dictionary<string, string>> SecretsAsync(string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sealedSecrets = await db.Set<PortalSetting>().Where(s => s.Key == key).Select(s => s.SealedSecrets).SingleOrDefaultAsync(ct);
        return sealer.Unseal(sealedSecrets);
    }

    /// <summary>Saves the group; <paramref name="secrets"/> null keeps the stored ones, otherwise replaces them.</summary>
    public async Task SaveAsync<T>(string key, T value, Dictionary<string, string>? secrets, CancellationToken ct) where T : class
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Set<PortalSetting>().SingleOrDefaultAsync(s => s.Key == key, ct);
        if (row is null)
            db.Add(row = new PortalSetting { Key = key });
        row.Json = JsonSerializer.Serialize(value, Json);
        if (secrets is not null)
            row.SealedSecrets = sealer.Seal(secrets);
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }
}
