using CertPortal.Api;
using CertPortal.Common;
using CertPortal.Security;

namespace CertPortal.Features.Deployments.Trust;

/// <summary>/api/v1/trust-deployments: thin — bind, authorize, call <see cref="TrustDeploymentService"/>, map the result.</summary>
public static class TrustEndpoints
{
    public static void MapTrustEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("trust-deployments");

        group.MapGet("", async (Guid? customerId, Guid? caId, Guid? targetId, int? page, int? pageSize, TrustDeploymentService trust, ActorAccessor actors, CancellationToken ct) =>
                TypedResults.Ok(await trust.ListAsync(customerId, caId, targetId, Paging.From(page, pageSize), await actors.GetAsync(), ct)))
            .RequireAuthorization(DeploymentPermissions.View).WithName("ListTrustDeployments");

        group.MapGet("/{id:guid}", async (Guid id, TrustDeploymentService trust, ActorAccessor actors, CancellationToken ct) =>
                (await trust.GetAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(DeploymentPermissions.View).WithName("GetTrustDeployment");

        group.MapPost("", async (TrustDeploymentInput input, TrustDeploymentService trust, ActorAccessor actors, CancellationToken ct) =>
                (await trust.CreateAsync(input, await actors.GetAsync(), ct)).ToHttp(d => TypedResults.Created($"/api/v1/trust-deployments/{d.Id}", d)))
            .RequireAuthorization(DeploymentPermissions.Manage).WithName("CreateTrustDeployment");

        group.MapDelete("/{id:guid}", async (Guid id, TrustDeploymentService trust, ActorAccessor actors, CancellationToken ct) =>
                (await trust.DeleteAsync(id, await actors.GetAsync(), ct)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(DeploymentPermissions.Manage).WithName("DeleteTrustDeployment");

        group.MapPost("/{id:guid}/run", async (Guid id, TrustDeploymentService trust, ActorAccessor actors, CancellationToken ct) =>
                (await trust.RunNowAsync(id, await actors.GetAsync(), ct: ct)).ToHttp(r => TypedResults.Accepted($"/api/v1/trust-deployments/{id}/runs/{r.RunId}", r)))
            .RequireAuthorization(DeploymentPermissions.Manage).WithName("RunTrustDeployment");

        group.MapGet("/{id:guid}/runs", async (Guid id, TrustDeploymentService trust, ActorAccessor actors, CancellationToken ct) =>
                (await trust.RunsAsync(id, await actors.GetAsync(), ct: ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(DeploymentPermissions.View).WithName("ListTrustDeploymentRuns");

        group.MapGet("/{id:guid}/runs/{runId:guid}", async (Guid id, Guid runId, TrustDeploymentService trust, ActorAccessor actors, CancellationToken ct) =>
                (await trust.RunAsync(id, runId, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(DeploymentPermissions.View).WithName("GetTrustDeploymentRun");
    }
}
