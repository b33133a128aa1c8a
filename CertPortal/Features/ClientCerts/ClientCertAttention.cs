using CertPortal.Security;
using CertPortal.Data;
using CertPortal.Features.Dashboard.Attention;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.ClientCerts;

/// <summary>
/// Client certificates ending within the widest alert threshold (or ended): valid ones only, and of a renewal chain
/// only the newest, since a renewed certificate's predecessor is meant to run out.
/// </summary>
internal sealed class ClientCertAttention(IDbContextFactory<AppDbContext> dbFactory) : IAttentionSource
{
    public async Task<IReadOnlyList<AttentionItem>> ListAsync(AttentionScope scope, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var until = scope.ExpiringUntil;
        var all = db.Set<ClientCertificate>().AsNoTracking();
        var query = all.Where(c => c.Status == ClientCertStatus.Valid && c.NotAfter <= until && !all.Any(n => n.RenewedFromId == c.Id));
        query = query.VisibleTo(scope.Viewer);
        var rows = await query.Select(c => new { c.Id, c.CustomerId, c.CommonName, c.Email, c.NotAfter }).ToListAsync(ct);
        return rows.Select(c => new AttentionItem(AttentionKinds.ClientCertificateExpiring, scope.SeverityOf(c.NotAfter), c.CustomerId, "",
            "client-certificate", c.Id, $"Client certificate {c.CommonName} {scope.Ends(c.NotAfter)}",
            $"{(c.Email is { Length: > 0 } email ? $"Issued to {email}. " : "")}Renew it, or revoke it if it is no longer needed.",
            c.NotAfter <= scope.Now ? c.NotAfter : c.NotAfter.AddDays(-scope.ExpiringDays), $"client-certs/{c.Id}", c.NotAfter)).ToList();
    }
}
