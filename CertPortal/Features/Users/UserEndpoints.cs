using System.Security.Claims;
using CertPortal.Api;
using CertPortal.Common;
using CertPortal.Security;

namespace CertPortal.Features.Users;

/// <summary>/api/v1/users (admin): list, create (with <c>password</c>), read, change role/customers/disabled, delete.</summary>
public static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("users").RequireAuthorization(UserPermissions.Manage);

        group.MapGet("", async (string? search, int? page, int? pageSize, UserService users, CancellationToken ct) =>
            {
                var list = await users.ListAsync(search, Paging.From(page, pageSize), ct);
                return TypedResults.Ok(new PagedList<UserResource>(list.Items.Select(UserResource.From).ToList(), list.Total));
            })
            .WithName("ListUsers");

        group.MapGet("/{id}", async (string id, UserService users, CancellationToken ct) =>
                (await users.GetAsync(id, ct)).ToHttp(u => TypedResults.Ok(UserResource.From(u))))
            .WithName("GetUser");

        group.MapPost("", async (UserInput input, UserService users, CancellationToken ct) =>
            {
                var created = await users.CreateAsync(input.Email, input.Password, input.Role, input.CustomerIds, ct);
                if (created.IsOk && input.Disabled == true)
                    created = await users.SetDisabledAsync(created.Value!.Id, true, null, ct);
                return created.ToHttp(u => TypedResults.Created($"/api/v1/users/{u.Id}", UserResource.From(u)));
            })
            .WithName("CreateUser");

        group.MapPut("/{id}", async (string id, UserInput input, UserService users, ClaimsPrincipal caller, CancellationToken ct) =>
                (await users.UpdateAsync(id, input, ActingPerson(caller), ct)).ToHttp(u => TypedResults.Ok(UserResource.From(u))))
            .WithName("UpdateUser");

        group.MapDelete("/{id}", async (string id, UserService users, ClaimsPrincipal caller, CancellationToken ct) =>
                (await users.DeleteAsync(id, ActingPerson(caller), ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("DeleteUser");
    }

    // A token acts for the admin who created it: that admin may not disable or delete themselves through it either.
    private static string? ActingPerson(ClaimsPrincipal caller) => caller.FindFirst(PortalClaims.TokenOwner)?.Value ?? caller.Identity?.Name;
}
