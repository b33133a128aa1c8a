using CertPortal.Api;
using CertPortal.Common;
using CertPortal.Security;

namespace CertPortal.Features.Targets;

/// <summary>/api/v1/targets: thin — bind, authorize, call <see cref="TargetService"/>, map the result.</summary>
public static class TargetEndpoints
{
    public static void MapTargetEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("targets");

        group.MapGet("", async (Guid? customerId, string? sort, string? order, int? page, int? pageSize, TargetService targets, ActorAccessor actors, CancellationToken ct) =>
                await ListSort.Parse(sort, order, TargetSort.All, TargetSort.Default).ToHttpAsync(async sorting =>
                    TypedResults.Ok(await targets.ListAsync(customerId, Paging.From(page, pageSize), await actors.GetAsync(), ct, sorting))))
            .RequireAuthorization(TargetPermissions.View).WithName("ListTargets");

        group.MapGet("/{id:guid}", async (Guid id, TargetService targets, ActorAccessor actors, CancellationToken ct) =>
                (await targets.GetAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TargetPermissions.View).WithName("GetTarget");

        group.MapPost("", async (TargetInput input, TargetService targets, ActorAccessor actors, CancellationToken ct) =>
                (await targets.CreateAsync(input, await actors.GetAsync(), ct)).ToHttp(t => TypedResults.Created($"/api/v1/targets/{t.Id}", t)))
            .RequireAuthorization(TargetPermissions.Manage).WithName("CreateTarget");

        group.MapPut("/{id:guid}", async (Guid id, TargetInput input, TargetService targets, ActorAccessor actors, CancellationToken ct) =>
                (await targets.UpdateAsync(id, input, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TargetPermissions.Manage).WithName("UpdateTarget");

        group.MapDelete("/{id:guid}", async (Guid id, TargetService targets, ActorAccessor actors, CancellationToken ct) =>
                (await targets.DeleteAsync(id, await actors.GetAsync(), ct)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(TargetPermissions.Manage).WithName("DeleteTarget");

        group.MapPost("/{id:guid}/test", async (Guid id, TargetService targets, ActorAccessor actors, CancellationToken ct) =>
                (await targets.TestAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TargetPermissions.Manage).WithName("TestTarget");

        // Test before saving: a new target's settings, or an existing one's changes (its stored secrets fill what is left out).
        group.MapPost("/test", async (TargetInput input, TargetService targets, ActorAccessor actors, CancellationToken ct) =>
                (await targets.TestUnsavedAsync(null, input, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TargetPermissions.Manage).WithName("TestNewTarget");

        group.MapPost("/{id:guid}/test-changes", async (Guid id, TargetInput input, TargetService targets, ActorAccessor actors, CancellationToken ct) =>
                (await targets.TestUnsavedAsync(id, input, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TargetPermissions.Manage).WithName("TestTargetChanges");

        group.MapPost("/{id:guid}/trust-host-key", async (Guid id, HostKeyInput input, TargetService targets, ActorAccessor actors, CancellationToken ct) =>
                (await targets.TrustHostKeyAsync(id, input.HostKeySha256, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TargetPermissions.Manage).WithName("TrustTargetHostKey");
    }
}
