using CertPortal.Security;
using CertPortal.Data;
using CertPortal.Features.Dashboard.Attention;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.CertificateAuthorities;

/// <summary>
/// CAs ending within the widest alert threshold, and CAs whose CRL is close to its nextUpdate without a newer one
/// (the refresh job signs at half the validity, so a CRL within a quarter of it, or within a day, was missed). A
/// shared CA (of no customer) shows only in the list of all customers, under <see cref="Guid.Empty"/>.
/// </summary>
internal sealed class CaAttention(IDbContextFactory<AppDbContext> dbFactory) : IAttentionSource
{
    public async Task<IReadOnlyList<AttentionItem>> ListAsync(AttentionScope scope, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<CertificateAuthority>().AsNoTracking();
        // A shared CA is on the worklist of those who see every customer, not of one customer's.
        query = query.VisibleTo(scope.Viewer, withShared: false);
        // CAs are few: their CRL dates are compared here rather than in SQL date arithmetic.
        var cas = await query.Select(c => new { c.Id, c.CustomerId, c.Name, c.NotAfter, c.CrlThisUpdate, c.CrlNextUpdate }).ToListAsync(ct);
        var items = new List<AttentionItem>();
        foreach (var ca in cas)
        {
            var customer = ca.CustomerId ?? Guid.Empty;
            if (ca.NotAfter <= scope.ExpiringUntil)
            {
                items.Add(new AttentionItem(AttentionKinds.CaExpiring, scope.SeverityOf(ca.NotAfter), customer, "", "ca", ca.Id,
                    $"CA {ca.Name} {scope.Ends(ca.NotAfter)}", "Everything it issued stops validating with it: plan a new CA and re-issue.",
                    ca.NotAfter <= scope.Now ? ca.NotAfter : ca.NotAfter.AddDays(-scope.ExpiringDays), $"cas/{ca.Id}", ca.NotAfter));
                continue;
            }
            if (ca is { CrlThisUpdate: { } thisUpdate, CrlNextUpdate: { } nextUpdate } && StaleFrom(thisUpdate, nextUpdate) is var staleFrom && scope.Now >= staleFrom)
                items.Add(new AttentionItem(AttentionKinds.CrlStale, nextUpdate <= scope.Now ? AttentionKinds.Critical : AttentionKinds.Warning, customer, "", "ca", ca.Id,
                    $"CRL of CA {ca.Name} {(nextUpdate <= scope.Now ? "is out of date" : "is about to go stale")}",
                    $"{Hours(nextUpdate, scope.Now)} and no newer CRL was signed: relying parties will refuse its certificates once it is stale. Sign a new CRL.",
                    staleFrom, $"cas/{ca.Id}"));
        }
        return items;
    }

    private static string Hours(DateTime nextUpdate, DateTime now)
    {
        var hours = (int)Math.Abs((nextUpdate - now).TotalHours);
        var span = hours == 1 ? "1 hour" : $"{hours} hours";
        return nextUpdate <= now ? $"Its nextUpdate passed {span} ago" : hours == 0 ? "Its nextUpdate is within the hour" : $"Its nextUpdate is in {span}";
    }

    /// <summary>A quarter of the CRL's validity before nextUpdate, but no earlier than a day before it.</summary>
    private static DateTime StaleFrom(DateTime thisUpdate, DateTime nextUpdate)
    {
        var margin = TimeSpan.FromTicks(Math.Min((nextUpdate - thisUpdate).Ticks / 4, TimeSpan.FromHours(24).Ticks));
        return nextUpdate - margin;
    }
}
