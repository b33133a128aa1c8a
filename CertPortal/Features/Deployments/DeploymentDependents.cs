using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments;

/// <summary>A target or certificate with bindings is not deleted until the bindings are removed.</summary>
internal sealed class DeploymentDependents(IDbContextFactory<AppDbContext> dbFactory) : ITargetDependents, ICertificateDependents
{
    async Task<string?> ITargetDependents.DescribeAsync(Guid targetId, CancellationToken ct) =>
        Describe(await CountAsync(d => d.TargetId == targetId, ct));

    async Task<string?> ICertificateDependents.DescribeAsync(Guid certificateId, CancellationToken ct) =>
        Describe(await CountAsync(d => d.CertificateId == certificateId, ct));

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<Deployment, bool>> filter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Deployment>().CountAsync(filter, ct);
    }

    private static string? Describe(int count) => count switch { 0 => null, 1 => "1 deployment", _ => $"{count} deployments" };
}
