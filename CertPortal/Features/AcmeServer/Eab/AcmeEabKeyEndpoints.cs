using CertPortal.Api;
using CertPortal.Security;

namespace CertPortal.Features.AcmeServer.Eab;

/// <summary>/api/v1/acme-server/eab-keys: thin — bind, authorize, call <see cref="AcmeEabKeys"/>, map the result.</summary>
public static class AcmeEabKeyEndpoints
{
    public static void MapAcmeEabKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("acme-server");

        group.MapGet("/eab-keys", async (Guid? caId, AcmeEabKeys keys, ActorAccessor actors, CancellationToken ct) =>
                TypedResults.Ok(await keys.ListAsync(caId, await actors.GetAsync(), ct)))
            .RequireAuthorization(AcmeServerPermissions.View).WithName("ListAcmeEabKeys");

        group.MapPost("/eab-keys", async (AcmeEabKeyInput input, AcmeEabKeys keys, ActorAccessor actors, CancellationToken ct) =>
                (await keys.CreateAsync(input, await actors.GetAsync(), ct)).ToHttp(k => TypedResults.Created($"/api/v1/acme-server/eab-keys/{k.Id}", k)))
            .RequireAuthorization(AcmeServerPermissions.Manage).WithName("CreateAcmeEabKey");

        group.MapDelete("/eab-keys/{id:guid}", async (Guid id, AcmeEabKeys keys, ActorAccessor actors, CancellationToken ct) =>
                (await keys.RevokeAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(AcmeServerPermissions.Manage).WithName("RevokeAcmeEabKey");
    }
}
