using CertPortal.Api;
using CertPortal.Security;

namespace CertPortal.Features.Endpoints.Scans;

/// <summary>/api/v1/discovery/scans: thin — bind, authorize, call <see cref="DiscoveryService"/>, map the result.</summary>
public static class DiscoveryApi
{
    public static void MapDiscoveryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("discovery/scans");

        group.MapPost("", async (ScanInput input, DiscoveryService scans, ActorAccessor actors, CancellationToken ct) =>
                (await scans.StartAsync(input, await actors.GetAsync(), ct)).ToHttp(s => TypedResults.Accepted($"/api/v1/discovery/scans/{s.Id}", s)))
            .RequireAuthorization(EndpointPermissions.Manage).WithName("StartDiscoveryScan");

        group.MapGet("", async (Guid? customerId, DiscoveryService scans, ActorAccessor actors, CancellationToken ct) =>
                TypedResults.Ok(await scans.ListAsync(customerId, await actors.GetAsync(), ct)))
            .RequireAuthorization(EndpointPermissions.View).WithName("ListDiscoveryScans");

        group.MapGet("/{id:guid}", async (Guid id, DiscoveryService scans, ActorAccessor actors, CancellationToken ct) =>
                (await scans.GetAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(EndpointPermissions.View).WithName("GetDiscoveryScan");
    }
}
