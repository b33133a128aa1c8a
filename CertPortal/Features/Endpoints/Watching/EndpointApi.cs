using CertPortal.Api;
using CertPortal.Security;

namespace CertPortal.Features.Endpoints.Watching;

/// <summary>/api/v1/endpoints: thin — bind, authorize, call <see cref="EndpointService"/>, map the result.</summary>
public static class EndpointApi
{
    public static void MapEndpointApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("endpoints");

        group.MapGet("", async (Guid? customerId, EndpointService endpoints, ActorAccessor actors, CancellationToken ct) =>
                TypedResults.Ok(await endpoints.ListAsync(customerId, await actors.GetAsync(), ct)))
            .RequireAuthorization(EndpointPermissions.View).WithName("ListEndpoints");

        group.MapGet("/{id:guid}", async (Guid id, EndpointService endpoints, ActorAccessor actors, CancellationToken ct) =>
                (await endpoints.GetAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(EndpointPermissions.View).WithName("GetEndpoint");

        group.MapPost("", async (EndpointInput input, EndpointService endpoints, ActorAccessor actors, CancellationToken ct) =>
                (await endpoints.AddAsync(input, await actors.GetAsync(), ct)).ToHttp(e => TypedResults.Created($"/api/v1/endpoints/{e.Id}", e)))
            .RequireAuthorization(EndpointPermissions.Manage).WithName("AddEndpoint");

        group.MapDelete("/{id:guid}", async (Guid id, EndpointService endpoints, ActorAccessor actors, CancellationToken ct) =>
                (await endpoints.DeleteAsync(id, await actors.GetAsync(), ct)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(EndpointPermissions.Manage).WithName("DeleteEndpoint");

        group.MapPost("/{id:guid}/check", async (Guid id, EndpointService endpoints, ActorAccessor actors, CancellationToken ct) =>
                (await endpoints.CheckNowAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(EndpointPermissions.Manage).WithName("CheckEndpoint");

        group.MapPost("/{id:guid}/adopt", async (Guid id, EndpointService endpoints, ActorAccessor actors, CancellationToken ct) =>
                (await endpoints.AdoptAsync(id, await actors.GetAsync(), ct)).ToHttp(a => TypedResults.Created($"/api/v1/certificates/{a.CertificateId}", a)))
            .RequireAuthorization(EndpointPermissions.Manage).WithName("AdoptEndpointCertificate");
    }
}
