using CertPortal.Data;
using CertPortal.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments.Trust;

/// <summary>A target that trusts CAs through the portal is not deleted until those trust bindings are removed.</summary>
internal sealed class TrustDependents(IDbContextFactory<AppDbContext> dbFactory) : ITargetDependents
{
    public async Task<string?> DescribeAsync(Guid targetId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = await db.Set<TrustDeployment>().CountAsync(d => d.TargetId == targetId, ct);
        return count switch { 0 => null, 1 => "1 trust binding", _ => $"{count} trust bindings" };
    }
}
