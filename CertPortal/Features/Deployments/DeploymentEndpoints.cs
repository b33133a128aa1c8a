using CertPortal.Api;
using CertPortal.Common;
using CertPortal.Security;

namespace CertPortal.Features.Deployments;

/// <summary>/api/v1/deployments: thin — bind, authorize, call <see cref="DeploymentService"/>, map the result.</summary>
public static class DeploymentEndpoints
{
    public static void MapDeploymentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("deployments");

        // attention=true (or a status: failed, rolled-back, outdated, waiting): only the bindings that need a look, as the list page filters them.
        group.MapGet("", async (Guid? customerId, Guid? certificateId, Guid? targetId, bool? attention, string? status, string? sort, string? order, int? page, int? pageSize,
                DeploymentService deployments, ActorAccessor actors, CancellationToken ct) =>
            {
                var sorting = ListSort.Parse(sort, order, DeploymentSort.All, DeploymentSort.Default);
                if (!sorting.IsOk)
                    return sorting.ToHttp(_ => TypedResults.Ok());
                return (IResult)TypedResults.Ok(attention == true || DeploymentNeeds.Parse(status) is not null
                    ? await deployments.AttentionAsync(customerId, certificateId, targetId, status, Paging.From(page, pageSize), await actors.GetAsync(), ct, sorting.Value)
                    : await deployments.ListAsync(customerId, certificateId, targetId, Paging.From(page, pageSize), await actors.GetAsync(), ct, sorting.Value));
            })
            .RequireAuthorization(DeploymentPermissions.View).WithName("ListDeployments");

        group.MapGet("/{id:guid}", async (Guid id, DeploymentService deployments, ActorAccessor actors, CancellationToken ct) =>
                (await deployments.GetAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(DeploymentPermissions.View).WithName("GetDeployment");

        group.MapPost("", async (DeploymentInput input, DeploymentService deployments, ActorAccessor actors, CancellationToken ct) =>
                (await deployments.CreateAsync(input, await actors.GetAsync(), ct)).ToHttp(d => TypedResults.Created($"/api/v1/deployments/{d.Id}", d)))
            .RequireAuthorization(DeploymentPermissions.Manage).WithName("CreateDeployment");

        group.MapPut("/{id:guid}", async (Guid id, DeploymentChange change, DeploymentService deployments, ActorAccessor actors, CancellationToken ct) =>
                (await deployments.UpdateAsync(id, change, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(DeploymentPermissions.Manage).WithName("UpdateDeployment");

        group.MapDelete("/{id:guid}", async (Guid id, DeploymentService deployments, ActorAccessor actors, CancellationToken ct) =>
                (await deployments.DeleteAsync(id, await actors.GetAsync(), ct)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(DeploymentPermissions.Manage).WithName("DeleteDeployment");

        group.MapPost("/{id:guid}/run", async (Guid id, DeploymentService deployments, ActorAccessor actors, CancellationToken ct) =>
                (await deployments.RunNowAsync(id, await actors.GetAsync(), ct: ct)).ToHttp(r => TypedResults.Accepted($"/api/v1/deployments/{id}/runs/{r.RunId}", r)))
            .RequireAuthorization(DeploymentPermissions.Manage).WithName("RunDeployment");

        group.MapGet("/{id:guid}/runs", async (Guid id, DeploymentService deployments, ActorAccessor actors, CancellationToken ct) =>
                (await deployments.RunsAsync(id, await actors.GetAsync(), ct: ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(DeploymentPermissions.View).WithName("ListDeploymentRuns");

        group.MapGet("/{id:guid}/runs/{runId:guid}", async (Guid id, Guid runId, DeploymentService deployments, ActorAccessor actors, CancellationToken ct) =>
                (await deployments.RunAsync(id, runId, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(DeploymentPermissions.View).WithName("GetDeploymentRun");

        group.MapPost("/{id:guid}/runs/{runId:guid}/done", async (Guid id, Guid runId, DeploymentService deployments, ActorAccessor actors, CancellationToken ct) =>
                (await deployments.ConfirmAsync(id, runId, await actors.GetAsync(), ct)).ToHttp(r => TypedResults.Accepted($"/api/v1/deployments/{id}/runs/{runId}", r)))
            .RequireAuthorization(DeploymentPermissions.Manage).WithName("ConfirmManualDeploymentRun");
    }
}
