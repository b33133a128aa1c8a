using CertPortal.Security;
using CertPortal.Data;
using CertPortal.Features.Dashboard.Attention;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates;

/// <summary>
/// The certificates' part of the worklist: failed ones, and those ending within the widest alert threshold — said
/// apart when nobody renews them (imported, or auto-renew off). Revoked ones never appear. The thresholds shrink with
/// a short lifetime (<see cref="ExpiryScale"/>), so a 6-day certificate is not "expiring" all its life.
/// </summary>
internal sealed class CertificateAttention(IDbContextFactory<AppDbContext> dbFactory) : IAttentionSource
{
    public async Task<IReadOnlyList<AttentionItem>> ListAsync(AttentionScope scope, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Needing(db, scope).Select(ToRow).ToListAsync(ct);
        return rows.Select(r => ToItem(r, scope)).ToList();
    }

    public async Task<AttentionSlice> TopAsync(AttentionScope scope, int limit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = scope.Now;
        var expiringDays = scope.ExpiringDays;
        const double criticalDays = AttentionScope.CriticalDays;
        var query = Needing(db, scope);
        var counts = await query.GroupBy(_ => 1)
            .Select(g => new { Total = g.Count(), Critical = g.Count(c => c.Status == CertificateStatus.Failed || c.NotAfter <= now.AddDays(criticalDays * c.ExpiryScale)) })
            .SingleOrDefaultAsync(ct);
        if (counts is null)
            return new AttentionSlice([], 0, 0);
        // The keys of MostUrgentFirst as ToItem derives them: severity, end (none last), since; the name stands in for the title.
        var rows = await query
            .OrderBy(c => c.Status == CertificateStatus.Failed || c.NotAfter <= now.AddDays(criticalDays * c.ExpiryScale) ? 0 : 1)
            .ThenBy(c => c.NotAfter == null)
            .ThenBy(c => c.NotAfter)
            .ThenBy(c => c.Status == CertificateStatus.Failed ? c.UpdatedAt : c.NotAfter <= now ? c.NotAfter!.Value : c.NotAfter!.Value.AddDays(-expiringDays * c.ExpiryScale))
            .ThenBy(c => c.CommonName)
            .Take(limit)
            .Select(ToRow)
            .ToListAsync(ct);
        return new AttentionSlice(rows.Select(r => ToItem(r, scope)).Order(MostUrgentFirst.Instance).ToList(), counts.Total, counts.Critical);
    }

    /// <summary>Failed certificates and those ending within the widest threshold (scaled to their lifetime), revoked ones never.</summary>
    private static IQueryable<Certificate> Needing(AppDbContext db, AttentionScope scope)
    {
        var (now, until, expiringDays) = (scope.Now, scope.ExpiringUntil, (double)scope.ExpiringDays);
        // The plain bound first, so an index on NotAfter narrows before the per-row scaled one is worked out.
        return db.Set<Certificate>().AsNoTracking().Where(c => c.Status != CertificateStatus.Revoked
                && (c.Status == CertificateStatus.Failed || c.NotAfter != null && c.NotAfter <= until && c.NotAfter <= now.AddDays(expiringDays * c.ExpiryScale)))
            .VisibleTo(scope.Viewer);
    }

    private static readonly System.Linq.Expressions.Expression<Func<Certificate, Row>> ToRow =
        c => new Row(c.Id, c.CustomerId, c.CommonName, c.Status, c.Source, c.AutoRenew, c.NotAfter, c.ExpiryScale, c.LastError, c.UpdatedAt);

    private static AttentionItem ToItem(Row c, AttentionScope scope)
    {
        var url = $"certificates/{c.Id}";
        var notRenewed = c.Source == CertificateSources.Import ? "Imported: the portal does not renew it; import its successor."
            : !c.AutoRenew ? "Auto-renew is off: renew it by hand." : null;
        if (c.Status == CertificateStatus.Failed)
            return new AttentionItem(AttentionKinds.CertificateFailed, AttentionKinds.Critical, c.CustomerId, "", "certificate", c.Id,
                $"{c.CommonName}: {(c.NotAfter is null ? "issuance" : "renewal")} failed",
                string.Join(" ", new[] { Shorten(c.LastError), c.NotAfter is { } ends ? $"The current version {scope.Ends(ends)}." : null }.OfType<string>()),
                c.UpdatedAt, url, c.NotAfter, c.ExpiryScale);
        var notAfter = c.NotAfter!.Value;
        if (notAfter <= scope.Now)
            return new AttentionItem(AttentionKinds.CertificateExpired, AttentionKinds.Critical, c.CustomerId, "", "certificate", c.Id,
                $"{c.CommonName} {scope.Ends(notAfter)}", notRenewed ?? "It was not renewed in time.", notAfter, url, notAfter);
        var since = notAfter.AddDays(-scope.ExpiringDays * c.ExpiryScale);
        var severity = scope.SeverityOf(notAfter, c.ExpiryScale);
        return notRenewed is not null
            ? new AttentionItem(AttentionKinds.CertificateNotRenewed, severity, c.CustomerId, "", "certificate", c.Id,
                $"{c.CommonName} {scope.Ends(notAfter)}", notRenewed, since, url, notAfter, c.ExpiryScale)
            : new AttentionItem(AttentionKinds.CertificateExpiring, severity, c.CustomerId, "", "certificate", c.Id,
                $"{c.CommonName} {scope.Ends(notAfter)}",
                CertificateStatus.IsWorking(c.Status) ? "A renewal is under way." : "It renews by itself but has not been renewed yet.", since, url, notAfter, c.ExpiryScale);
    }

    private static string? Shorten(string? error) => error is null ? null : error.Length <= 300 ? error : error[..297] + "...";

    private sealed record Row(Guid Id, Guid CustomerId, string CommonName, string Status, string Source, bool AutoRenew, DateTime? NotAfter,
        double ExpiryScale, string? LastError, DateTime UpdatedAt);
}
