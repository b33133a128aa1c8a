using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments;

/// <summary>
/// A target or certificate with bindings is not deleted until the bindings are removed; a target's refusal names the
/// certificates bound to it, so the person knows which bindings to remove.
/// </summary>
internal sealed class DeploymentDependents(IDbContextFactory<AppDbContext> dbFactory, ICertificateVersions versions) : ITargetDependents, ICertificateDependents
{
    async Task<string?> ITargetDependents.DescribeAsync(Guid targetId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bindings = db.Set<Deployment>().Where(d => d.TargetId == targetId);
        var total = await bindings.CountAsync(ct);
        if (total == 0)
            return null;
        var names = await bindings.Join(versions.CurrentVersions(db), d => d.CertificateId, c => c.Id, (d, c) => c.CommonName)
            .OrderBy(n => n).Take(DependentNames.Shown).ToListAsync(ct);
        return DependentNames.Describe("the binding of certificate", "the bindings of certificates", names, total);
    }

    async Task<string?> ICertificateDependents.DescribeAsync(Guid certificateId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = await db.Set<Deployment>().CountAsync(d => d.CertificateId == certificateId, ct);
        return count switch { 0 => null, 1 => "1 deployment", _ => $"{count} deployments" };
    }
}
