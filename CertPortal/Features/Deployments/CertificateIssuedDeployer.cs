using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments;

/// <summary>A new certificate version queues a run for every auto-deploy binding of that certificate (DESIGN's main flow).</summary>
internal sealed class CertificateIssuedDeployer(IDbContextFactory<AppDbContext> dbFactory, DeploymentService deployments) : ICertificateIssuedListener
{
    public async Task OnIssuedAsync(CertificateIssued issued, CancellationToken ct)
    {
        using var _ = ActorAccessor.RunAs(Actor.Job(nameof(CertificateIssuedDeployer)));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bindings = await db.Set<Deployment>().Where(d => d.CertificateId == issued.CertificateId && d.AutoDeploy && d.BoundAtVersion < issued.Version)
            .Select(d => d.Id).ToListAsync(ct);
        foreach (var id in bindings)
            await deployments.RunNowAsync(id, Actor.Job(nameof(CertificateIssuedDeployer)), $"version {issued.Version} issued", ct);
    }
}
