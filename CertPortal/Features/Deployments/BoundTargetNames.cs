using CertPortal.Data;
using CertPortal.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments;

/// <summary>Two queries per customer (its bindings, then its targets' names), whatever the number of certificates.</summary>
internal sealed class BoundTargetNames(IDbContextFactory<AppDbContext> dbFactory, ITargetAccess targets) : IBoundTargetNames
{
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> TargetNamesAsync(Guid customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bindings = await db.Set<Deployment>().AsNoTracking().Where(d => d.CustomerId == customerId)
            .Select(d => new { d.CertificateId, d.TargetId }).ToListAsync(ct);
        var names = await targets.HeadlinesAsync(bindings.Select(b => b.TargetId).Distinct().ToList(), ct);
        return bindings.GroupBy(b => b.CertificateId).ToDictionary(g => g.Key,
            g => (IReadOnlyList<string>)g.Select(b => names.GetValueOrDefault(b.TargetId)?.Name ?? "—").Order(StringComparer.OrdinalIgnoreCase).ToList());
    }
}
