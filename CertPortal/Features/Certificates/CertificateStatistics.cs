using CertPortal.Data;
using CertPortal.Features.Certificates.Issuance;
using CertPortal.Features.Dashboard.Charts;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates;

/// <summary>
/// The dashboard's certificate figures, counted by the database (GROUP BY), never by loading certificates. "Expiring
/// within N days" is what the list's <c>expiring=N</c> filter shows: not revoked, not yet ended, ending within N days.
/// </summary>
public sealed class CertificateStatistics(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// How many certificates of each customer have each status (expired read off notAfter, as lists show it) and end
    /// within which window: 7, 30 or 60 days (0: not expiring — ended, revoked or later).
    /// </summary>
    public async Task<IReadOnlyList<CertificateCount>> CountsAsync(Actor actor, Guid? customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var (in7, in30, in60) = (now.AddDays(7), now.AddDays(30), now.AddDays(60));
        return await Scoped(db, actor, customerId)
            .GroupBy(c => new
            {
                c.CustomerId,
                Status = c.Status == CertificateStatus.Valid && c.NotAfter <= now ? CertificateStatus.Expired : c.Status,
                Window = c.Status == CertificateStatus.Revoked || c.NotAfter == null || c.NotAfter <= now ? 0
                    : c.NotAfter <= in7 ? 7 : c.NotAfter <= in30 ? 30 : c.NotAfter <= in60 ? 60 : 0,
            })
            .Select(g => new CertificateCount(g.Key.CustomerId, g.Key.Status, g.Key.Window, g.Count()))
            .ToListAsync(ct);
    }

    /// <summary>Certificates (not revoked) ending on each UTC day of the next <paramref name="days"/> days.</summary>
    public async Task<IReadOnlyList<DayCount>> EndingPerDayAsync(Actor actor, Guid? customerId, int days, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.AddDays(days);
        var rows = await Scoped(db, actor, customerId)
            .Where(c => c.Status != CertificateStatus.Revoked && c.NotAfter > now && c.NotAfter <= until)
            .GroupBy(c => UtcDay.Of(c.NotAfter!.Value))
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return rows.Select(r => new DayCount(UtcDay.Parse(r.Day), r.Count)).OrderBy(r => r.Day).ToList();
    }

    /// <summary>Orders (issue and renew) that ended from <paramref name="since"/> until before <paramref name="until"/> (open when null), per UTC day: succeeded against failed.</summary>
    public async Task<IReadOnlyList<DayOutcomes>> OrderOutcomesAsync(Actor actor, Guid? customerId, DateTime since, DateTime? until, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = db.Set<IssuanceRun>().AsNoTracking().Where(r => r.FinishedAt >= since && (r.Status == "succeeded" || r.Status == "failed"));
        if (until is { } end)
            runs = runs.Where(r => r.FinishedAt < end);
        if (actor.IsScoped || customerId is not null)
        {
            var certificates = Scoped(db, actor, customerId);
            runs = runs.Where(r => certificates.Any(c => c.Id == r.CertificateId));
        }
        var rows = await runs.GroupBy(r => new { Day = UtcDay.Of(r.FinishedAt!.Value), r.Status }).Select(g => new { g.Key.Day, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        return rows.GroupBy(r => r.Day).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DayOutcomes(UtcDay.Parse(g.Key), g.Where(r => r.Status == "succeeded").Sum(r => r.Count),
                g.Where(r => r.Status == "failed").Sum(r => r.Count)))
            .ToList();
    }

    private static IQueryable<Certificate> Scoped(AppDbContext db, Actor actor, Guid? customerId)
    {
        var query = db.Set<Certificate>().AsNoTracking();
        query = query.VisibleTo(actor);
        if (customerId is { } customer)
            query = query.Where(c => c.CustomerId == customer);
        return query;
    }
}

/// <summary>How many certificates of a customer have <see cref="Status"/> and end within <see cref="Window"/> days (7, 30, 60; 0: not expiring).</summary>
public sealed record CertificateCount(Guid CustomerId, string Status, int Window, int Count);
