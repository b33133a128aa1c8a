using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates.Planning;

/// <summary>
/// The renewal job's planning step: moves renewals earlier where the next 60 days would exceed a CA's limits
/// (<see cref="RenewalSpreader"/>), writes the new renewal time with the reason, and records each move in the audit
/// log as <c>certificate.renewal-spread</c>.
/// </summary>
public sealed class RenewalSpreading(
    IDbContextFactory<AppDbContext> dbFactory,
    RenewalForecast forecast,
    AuditLog audit,
    TimeProvider clock,
    ILogger<RenewalSpreading> logger)
{
    public const string AuditAction = "certificate.renewal-spread";

    /// <summary>Returns the moves it made.</summary>
    public async Task<IReadOnlyList<RenewalMove>> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var moves = RenewalSpreader.Spread(await forecast.LoadAsync(now, now + RenewalForecast.Horizon, ct), now);
        if (moves.Count == 0)
            return [];

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = moves.Select(m => m.Subject.CertificateId).ToList();
        var certificates = await db.Set<Certificate>().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        // A certificate renewed or re-timed by its CA since it was read keeps the new time.
        var made = moves.Where(m => certificates.GetValueOrDefault(m.Subject.CertificateId) is { } c && c.RenewAfter == m.From).ToList();
        foreach (var move in made)
        {
            var certificate = certificates[move.Subject.CertificateId];
            certificate.SpreadFrom ??= certificate.RenewAfter;
            (certificate.RenewAfter, certificate.SpreadReason, certificate.UpdatedAt) = (move.To, move.Reason, now);
        }
        await db.SaveChangesAsync(ct);
        foreach (var move in made)
            await audit.RecordAsync(AuditAction, "Certificate", move.Subject.CertificateId.ToString(), $"{move.Subject.CommonName}: {move.Reason}",
                customerId: move.Subject.CustomerId, ct: CancellationToken.None);
        logger.LogInformation("Moved {Count} renewal(s) earlier to stay within the CAs' limits", made.Count);
        return made;
    }
}
