using CertPortal.Security;
using CertPortal.Data;
using CertPortal.Features.Dashboard.Attention;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.DnsProviders.Manual;

/// <summary>
/// Orders held up by a manual DNS provider: one item per certificate (the owner of the records), for the customer
/// of the provider, since the first record was asked for.
/// </summary>
internal sealed class ManualDnsAttention(IDbContextFactory<AppDbContext> dbFactory, ManualDnsRequests requests) : IAttentionSource
{
    public async Task<IReadOnlyList<AttentionItem>> ListAsync(AttentionScope scope, CancellationToken ct)
    {
        var pending = requests.Pending();
        if (pending.Count == 0)
            return [];
        var providerIds = pending.Select(r => r.ProviderId).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var providers = await db.Set<DnsProvider>().AsNoTracking().VisibleTo(scope.Viewer).Where(p => providerIds.Contains(p.Id))
            .Select(p => new { p.Id, p.CustomerId, p.Name }).ToDictionaryAsync(p => p.Id, ct);
        return pending.Where(r => providers.TryGetValue(r.ProviderId, out var p))
            .GroupBy(r => r.OwnerId ?? r.ProviderId)
            .Select(g =>
            {
                var first = g.MinBy(r => r.RequestedAt)!;
                var provider = providers[first.ProviderId];
                var records = g.Select(r => r.RecordName).Distinct().ToList();
                return new AttentionItem(AttentionKinds.ManualDnsRecord, AttentionKinds.Warning, provider.CustomerId, "",
                    first.OwnerId is null ? "dns-provider" : "certificate", g.Key,
                    $"An order waits for {(records.Count == 1 ? "a TXT record" : $"{records.Count} TXT records")} at '{provider.Name}'",
                    $"Create {string.Join(", ", records)} by hand, then mark {(records.Count == 1 ? "it" : "them")} done.",
                    first.RequestedAt, first.OwnerId is { } certificateId ? $"certificates/{certificateId}" : "dns-providers");
            })
            .ToList();
    }
}
