using CertPortal.Security;
using CertPortal.Data;
using CertPortal.Features.Dashboard.Attention;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates;

/// <summary>
/// The certificates' part of the worklist: failed ones, and those ending within the widest alert threshold — said
/// apart when nobody renews them (imported, or auto-renew off). Revoked ones never appear.
/// </summary>
internal sealed class CertificateAttention(IDbContextFactory<AppDbContext> dbFactory) : IAttentionSource
{
    public async Task<IReadOnlyList<AttentionItem>> ListAsync(AttentionScope scope, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var until = scope.ExpiringUntil;
        var query = db.Set<Certificate>().AsNoTracking().Where(c => c.Status != CertificateStatus.Revoked
            && (c.Status == CertificateStatus.Failed || c.NotAfter != null && c.NotAfter <= until));
        query = query.VisibleTo(scope.Viewer);
        var rows = await query.Select(c => new Row(c.Id, c.CustomerId, c.CommonName, c.Status, c.Source, c.AutoRenew, c.NotAfter, c.LastError, c.UpdatedAt))
            .ToListAsync(ct);
        return rows.Select(r => ToItem(r, scope)).ToList();
    }

    private static AttentionItem ToItem(Row c, AttentionScope scope)
    {
        var url = $"certificates/{c.Id}";
        var notRenewed = c.Source == CertificateSources.Import ? "Imported: the portal does not renew it; import its successor."
            : !c.AutoRenew ? "Auto-renew is off: renew it by hand." : null;
        if (c.Status == CertificateStatus.Failed)
            return new AttentionItem(AttentionKinds.CertificateFailed, AttentionKinds.Critical, c.CustomerId, "", "certificate", c.Id,
                $"{c.CommonName}: {(c.NotAfter is null ? "issuance" : "renewal")} failed",
                string.Join(" ", new[] { Shorten(c.LastError), c.NotAfter is { } ends ? $"The current version {scope.Ends(ends)}." : null }.OfType<string>()),
                c.UpdatedAt, url, c.NotAfter);
        var notAfter = c.NotAfter!.Value;
        if (notAfter <= scope.Now)
            return new AttentionItem(AttentionKinds.CertificateExpired, AttentionKinds.Critical, c.CustomerId, "", "certificate", c.Id,
                $"{c.CommonName} {scope.Ends(notAfter)}", notRenewed ?? "It was not renewed in time.", notAfter, url, notAfter);
        var since = notAfter.AddDays(-scope.ExpiringDays);
        return notRenewed is not null
            ? new AttentionItem(AttentionKinds.CertificateNotRenewed, scope.SeverityOf(notAfter), c.CustomerId, "", "certificate", c.Id,
                $"{c.CommonName} {scope.Ends(notAfter)}", notRenewed, since, url, notAfter)
            : new AttentionItem(AttentionKinds.CertificateExpiring, scope.SeverityOf(notAfter), c.CustomerId, "", "certificate", c.Id,
                $"{c.CommonName} {scope.Ends(notAfter)}",
                CertificateStatus.IsWorking(c.Status) ? "A renewal is under way." : "It renews by itself but has not been renewed yet.", since, url, notAfter);
    }

    private static string? Shorten(string? error) => error is null ? null : error.Length <= 300 ? error : error[..297] + "...";

    private sealed record Row(Guid Id, Guid CustomerId, string CommonName, string Status, string Source, bool AutoRenew, DateTime? NotAfter,
        string? LastError, DateTime UpdatedAt);
}
