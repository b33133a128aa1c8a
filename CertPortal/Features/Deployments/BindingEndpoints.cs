using CertPortal.Data;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments;

/// <summary>Reads each binding's verification endpoint through its target's connector, as a run verifies it.</summary>
internal sealed class BindingEndpoints(IDbContextFactory<AppDbContext> dbFactory, ITargetAccess targets) : IBindingEndpoints
{
    public async Task<IReadOnlyList<BindingEndpoint>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = db.Set<DeploymentRun>();
        var bindings = await db.Set<Deployment>().AsNoTracking()
            .Select(d => new
            {
                d.Id, d.CustomerId, d.CertificateId, d.TargetId, d.Options,
                Deployed = runs.Where(r => r.DeploymentId == d.Id && r.Status == RunStatus.Verified && r.CertificateVersion == d.VerifiedVersion)
                    .OrderByDescending(r => r.FinishedAt).Select(r => r.ServedThumbprintSha256).FirstOrDefault(),
            }).ToListAsync(ct);
        var opened = new Dictionary<Guid, OpenedTarget?>();
        var endpoints = new List<BindingEndpoint>();
        foreach (var binding in bindings)
        {
            if (!opened.TryGetValue(binding.TargetId, out var target))
                opened[binding.TargetId] = target = await targets.OpenAsync(binding.TargetId, ct);
            if (target?.Connector.EndpointToVerify(target.Settings, binding.Options) is { } endpoint)
                endpoints.Add(new BindingEndpoint(binding.Id, binding.CustomerId, binding.CertificateId, endpoint.Host, endpoint.Port, endpoint.Sni,
                    binding.Deployed?.ToLowerInvariant()));
        }
        return endpoints;
    }
}
