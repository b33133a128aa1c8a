using CertPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates.Issuance;

/// <summary>
/// Starts an order for a certificate only if the row is still as it was read. Two renew requests, or the scheduler and
/// a person, that saw the same certificate at the same moment start one order between them: the database decides
/// which write finds the row unchanged, on one instance or several. A second order would also spend the CA's weekly
/// limit for the same names.
/// </summary>
public static class OrderStart
{
    /// <summary>True when this call started the order; <paramref name="seen"/> then shows the new status.</summary>
    public static async Task<bool> TryStartAsync(AppDbContext db, Certificate seen, DateTime now, CancellationToken ct)
    {
        var next = seen.CurrentVersion > 0 ? CertificateStatus.Renewing : CertificateStatus.Pending;
        var (id, status, version, updatedAt) = (seen.Id, seen.Status, seen.CurrentVersion, seen.UpdatedAt);
        var started = await db.Set<Certificate>()
            .Where(c => c.Id == id && c.Status == status && c.CurrentVersion == version && c.UpdatedAt == updatedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, next).SetProperty(c => c.UpdatedAt, now), ct) == 1;
        if (started)
        {
            // What was written becomes what the context knows as stored, so a later save does not write it again.
            var entry = db.Entry(seen);
            entry.Property(c => c.Status).OriginalValue = next;
            entry.Property(c => c.UpdatedAt).OriginalValue = now;
            (seen.Status, seen.UpdatedAt) = (next, now);
        }
        return started;
    }
}
