using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.DnsProviders.Manual;

/// <summary>The technician's side of a manual provider: which records wait to be created, and "done".</summary>
public sealed class ManualRecordService(IDbContextFactory<AppDbContext> dbFactory, ManualDnsRequests requests, AuditLog audit)
{
    public async Task<IReadOnlyList<ManualDnsRequest>> PendingAsync(Guid? ownerId, Actor actor, CancellationToken ct = default)
    {
        var pending = requests.Pending(ownerId);
        if (!actor.IsScoped || pending.Count == 0)
            return pending;
        var visible = await VisibleProvidersAsync(pending.Select(r => r.ProviderId).Distinct().ToList(), actor, ct);
        return pending.Where(r => visible.Contains(r.ProviderId)).ToList();
    }

    public async Task<Result<ManualDnsRequest>> ConfirmAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        var request = requests.Pending().FirstOrDefault(r => r.Id == id);
        if (request is null || !(await VisibleProvidersAsync([request.ProviderId], actor, ct)).Contains(request.ProviderId))
            return Result<ManualDnsRequest>.NotFound("Nothing waits for that record (it was confirmed already, or the order ended).");
        requests.Confirm(id);
        await audit.RecordAsync("dns-provider.manual-done", "DnsProvider", request.ProviderId.ToString(),
            $"Confirmed the TXT record {request.RecordName} was created by hand.", ct: ct);
        return Result<ManualDnsRequest>.Ok(request);
    }

    private async Task<HashSet<Guid>> VisibleProvidersAsync(List<Guid> providerIds, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Set<DnsProvider>().VisibleTo(actor).Where(p => providerIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
    }
}
