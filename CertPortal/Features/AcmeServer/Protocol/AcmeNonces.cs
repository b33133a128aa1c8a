using System.Security.Cryptography;
using CertPortal.Acme;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>
/// Hands out nonces and takes each back once (RFC 8555 §6.5): a row per nonce, deleted when used, so two instances
/// on one database never accept the same nonce twice. Unused ones expire and are swept now and then.
/// </summary>
public sealed class AcmeNonces(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private static int _issued;

    public async Task<string> IssueAsync(CancellationToken ct)
    {
        var value = Base64Url.Encode(RandomNumberGenerator.GetBytes(16));
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Add(new AcmeNonce { Value = value, ExpiresAt = now + Lifetime });
        await db.SaveChangesAsync(ct);
        // Sweeping on every 256th nonce keeps the table small without a job of its own.
        if (Interlocked.Increment(ref _issued) % 256 == 0)
            await db.Set<AcmeNonce>().Where(n => n.ExpiresAt < now).ExecuteDeleteAsync(ct);
        return value;
    }

    /// <summary>True once for a nonce this server gave out and that has not expired.</summary>
    public async Task<bool> ConsumeAsync(string? value, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64)
            return false;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<AcmeNonce>().Where(n => n.Value == value && n.ExpiresAt > now).ExecuteDeleteAsync(ct) == 1;
    }
}
