using CertPortal.Data;
using CertPortal.Features.Deployments;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Endpoints.Watching;

/// <summary>
/// Keeps one watched endpoint per deployment binding, with the thumbprint deployed there: made when a binding appears
/// (or an endpoint already watched becomes a binding's), let go when the binding is removed.
/// </summary>
public sealed class BindingEndpointSync(IDbContextFactory<AppDbContext> dbFactory, IBindingEndpoints bindings, TimeProvider clock)
{
    public async Task SyncAsync(CancellationToken ct)
    {
        var current = await bindings.ListAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var watched = await db.Set<WatchedEndpoint>().Where(e => e.DeploymentId != null || e.Origin == EndpointOrigins.Binding).ToListAsync(ct);
        var byBinding = watched.Where(e => e.DeploymentId is not null).GroupBy(e => e.DeploymentId!.Value).ToDictionary(g => g.Key, g => g.First());
        foreach (var binding in current)
        {
            var host = EndpointAddress.Normalize(binding.Host);
            var serverName = binding.ServerName is { Length: > 0 } sni ? EndpointAddress.Normalize(sni) : "";
            if (!byBinding.TryGetValue(binding.DeploymentId, out var endpoint) || endpoint.Host != host || endpoint.Port != binding.Port || endpoint.ServerName != serverName)
            {
                if (endpoint is not null)
                    endpoint.DeploymentId = null;
                endpoint = await db.Set<WatchedEndpoint>().SingleOrDefaultAsync(e => e.CustomerId == binding.CustomerId && e.Host == host && e.Port == binding.Port && e.ServerName == serverName, ct)
                           ?? db.Add(new WatchedEndpoint
                           {
                               Id = Guid.NewGuid(), CustomerId = binding.CustomerId, Host = host, Port = binding.Port, ServerName = serverName, CreatedAt = clock.GetUtcNow().UtcDateTime,
                           }).Entity;
            }
            (endpoint.Origin, endpoint.DeploymentId, endpoint.DeployedThumbprintSha256) = (EndpointOrigins.Binding, binding.DeploymentId, binding.DeployedThumbprintSha256);
        }
        var live = current.Select(b => b.DeploymentId).ToHashSet();
        db.RemoveRange(watched.Where(e => e.DeploymentId is not { } id || !live.Contains(id)));
        await db.SaveChangesAsync(ct);
    }
}
