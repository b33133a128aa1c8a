using CertPortal.Data;
using CertPortal.Features.Certificates.Planning;
using CertPortal.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments;

/// <summary>
/// For the renewal planner: each renewal starts a run on every binding that deploys new versions by itself; the run
/// starts at once, or waits until the target's maintenance window opens (as <c>DeploymentRunner</c> does).
/// </summary>
internal sealed class CertificateBindings(IDbContextFactory<AppDbContext> dbFactory, ITargetAccess targets) : ICertificateBindings
{
    public async Task<IReadOnlyList<FollowingDeployment>> FollowingAsync(IReadOnlyCollection<(Guid CertificateId, DateTime RenewedAt)> renewals, CancellationToken ct)
    {
        if (renewals.Count == 0)
            return [];
        var ids = renewals.Select(r => r.CertificateId).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bindings = (await db.Set<Deployment>().AsNoTracking().Where(d => d.AutoDeploy && ids.Contains(d.CertificateId))
            .Select(d => new { d.Id, d.CertificateId, d.TargetId }).ToListAsync(ct)).ToLookup(d => d.CertificateId);
        var schedules = await targets.SchedulesAsync(bindings.SelectMany(b => b).Select(b => b.TargetId).Distinct().ToList(), ct);
        return renewals
            .SelectMany(r => bindings[r.CertificateId].Where(b => schedules.ContainsKey(b.TargetId)).Select(b =>
            {
                var schedule = schedules[b.TargetId];
                var at = schedule.Window?.NextOpening(new DateTimeOffset(r.RenewedAt, TimeSpan.Zero)).UtcDateTime ?? r.RenewedAt;
                return new FollowingDeployment(b.Id, r.CertificateId, schedule.Name, r.RenewedAt, at, schedule.Window is null ? null : schedule.WindowText);
            }))
            .ToList();
    }
}
