using System.Security.Cryptography;
using CertPortal.Data;
using CertPortal.Features.Certificates.Files;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates;

/// <summary>Reads certificate rows for reports and metrics straight from the tables: one query whatever the number of certificates.</summary>
internal sealed class CertificateInventory(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ILogger<CertificateInventory> logger) : ICertificateInventory
{
    public async Task<IReadOnlyList<CertificateRow>> RowsAsync(Guid? customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificates = await Of(db, customerId).OrderBy(c => c.CommonName).ThenBy(c => c.Id).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return certificates.Select(c => new CertificateRow(c.Id, c.CustomerId, c.CommonName, c.AllNames().ToList(), c.Issuer, c.NotAfter,
            c.NotAfter is { } notAfter ? (int)Math.Floor((notAfter - now).TotalDays) : null, CertificateStatus.Shown(c.Status, c.NotAfter, now),
            c.KeyType, c.Source, c.AutoRenew, c.CurrentVersion)).ToList();
    }

    public async Task<IReadOnlyDictionary<Guid, CertificateKeyFacts>> KeyFactsAsync(Guid? customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await (
            from c in Of(db, customerId).Where(c => c.CurrentVersion > 0)
            join v in db.Set<CertificateVersion>() on new { Id = c.Id, Number = c.CurrentVersion } equals new { Id = v.CertificateId, Number = v.Version }
            // The PEM only where the facts are missing: a version stored before they were kept.
            select new { v.Id, v.CertificateId, v.KeyAlgorithm, v.KeySize, v.SignatureAlgorithm, LeafPem = v.KeySize == null ? v.LeafPem : null }).ToListAsync(ct);
        var facts = new Dictionary<Guid, CertificateKeyFacts>(current.Count);
        var backfill = new List<(Guid VersionId, CertificateKeyFacts Facts)>();
        foreach (var version in current)
        {
            if (version is { KeyAlgorithm: { } algorithm, KeySize: { } size, SignatureAlgorithm: { } signature })
                facts[version.CertificateId] = new CertificateKeyFacts(algorithm, size, signature);
            else
            {
                var read = Read(version.LeafPem);
                facts[version.CertificateId] = read ?? CertificateKeyFacts.Unknown;
                if (read is not null)
                    backfill.Add((version.Id, read));
            }
        }
        if (backfill.Count > 0)
            await StoreAsync(db, backfill, ct);
        return facts;
    }

    public async Task<IReadOnlyList<CertificateStatusCount>> StatusCountsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<Certificate>().AsNoTracking()
            .GroupBy(c => new { c.CustomerId, Status = c.Status == CertificateStatus.Valid && c.NotAfter <= now ? CertificateStatus.Expired : c.Status })
            .Select(g => new CertificateStatusCount(g.Key.CustomerId, g.Key.Status, g.Count(), g.Min(c => c.NotAfter)))
            .ToListAsync(ct);
    }

    private static IQueryable<Certificate> Of(AppDbContext db, Guid? customerId) =>
        customerId is { } id ? db.Set<Certificate>().AsNoTracking().Where(c => c.CustomerId == id) : db.Set<Certificate>().AsNoTracking();

    private CertificateKeyFacts? Read(string? leafPem)
    {
        try
        {
            return CertificateKeyFacts.FromPem(leafPem ?? "");
        }
        catch (CryptographicException e)
        {
            logger.LogWarning("A stored certificate version could not be read for its key facts: {Reason}", e.Message);
            return null;
        }
    }

    private static async Task StoreAsync(AppDbContext db, List<(Guid VersionId, CertificateKeyFacts Facts)> backfill, CancellationToken ct)
    {
        // Tracked and saved in chunks, one transaction: one UPDATE per row, all committed (and synced) once.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in backfill.Chunk(500))
        {
            var facts = chunk.ToDictionary(b => b.VersionId, b => b.Facts);
            var ids = facts.Keys.ToList();
            foreach (var version in await db.Set<CertificateVersion>().Where(v => ids.Contains(v.Id)).ToListAsync(ct))
                version.WithKeyFacts(facts[version.Id]);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(ct);
    }
}
