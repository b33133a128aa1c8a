using CertPortal.Api;
using CertPortal.Common;

namespace CertPortal.Features.Users.ApiTokens;

/// <summary>/api/v1/api-tokens (admin): list, create (the token is in the 201 answer, once), revoke.</summary>
public static class ApiTokenEndpoints
{
    public static void MapApiTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("api-tokens").RequireAuthorization(UserPermissions.Manage);

        group.MapGet("", async (bool? includeRevoked, int? page, int? pageSize, ApiTokenService tokens, CancellationToken ct) =>
                TypedResults.Ok(await tokens.ListAsync(includeRevoked ?? false, Paging.From(page, pageSize), ct)))
            .WithName("ListApiTokens");

        group.MapPost("", async (ApiTokenInput input, ApiTokenService tokens, CancellationToken ct) =>
                (await tokens.CreateAsync(input, ct)).ToHttp(created =>
                    TypedResults.Created($"/api/v1/api-tokens/{created.Info.Id}", new { created.Info.Id, created.Info.Name, created.Info.Prefix, created.Info.Role, created.Info.CustomerId, created.Info.CreatedAt, created.Token })))
            .WithName("CreateApiToken");

        group.MapDelete("/{id:guid}", async (Guid id, ApiTokenService tokens, CancellationToken ct) =>
                (await tokens.RevokeAsync(id, ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("RevokeApiToken");
    }
}
