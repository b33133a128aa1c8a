using CertPortal.Api;
using CertPortal.Common;
using CertPortal.Security;

namespace CertPortal.Features.Certificates.Accounts;

/// <summary>/api/v1/acme-accounts: thin — bind, authorize, call <see cref="AcmeAccountService"/>, map the result.</summary>
public static class AcmeAccountEndpoints
{
    public static void MapAcmeAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("acme-accounts");

        group.MapGet("", async (Guid? customerId, string? sort, string? order, int? page, int? pageSize, AcmeAccountService accounts, ActorAccessor actors, CancellationToken ct) =>
                await ListSort.Parse(sort, order, AcmeAccountSort.All, AcmeAccountSort.Default).ToHttpAsync(async sorting =>
                    TypedResults.Ok(await accounts.ListAsync(customerId, Paging.From(page, pageSize), await actors.GetAsync(), ct, sorting))))
            .RequireAuthorization(CertificatePermissions.View).WithName("ListAcmeAccounts");

        group.MapGet("/presets", () => TypedResults.Ok(AcmeDirectoryPresets.All))
            .RequireAuthorization(CertificatePermissions.View).WithName("ListAcmeDirectoryPresets");

        group.MapGet("/{id:guid}", async (Guid id, AcmeAccountService accounts, ActorAccessor actors, CancellationToken ct) =>
                (await accounts.GetAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(CertificatePermissions.View).WithName("GetAcmeAccount");

        group.MapGet("/{id:guid}/profiles", async (Guid id, AcmeAccountService accounts, ActorAccessor actors, CancellationToken ct) =>
                (await accounts.ProfilesAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(CertificatePermissions.View).WithName("ListAcmeAccountProfiles");

        group.MapPost("", async (AcmeAccountInput input, AcmeAccountService accounts, ActorAccessor actors, CancellationToken ct) =>
                (await accounts.RegisterAsync(input, await actors.GetAsync(), ct)).ToHttp(a => TypedResults.Created($"/api/v1/acme-accounts/{a.Id}", a)))
            .RequireAuthorization(CertificatePermissions.Manage).WithName("RegisterAcmeAccount");

        group.MapDelete("/{id:guid}", async (Guid id, AcmeAccountService accounts, ActorAccessor actors, CancellationToken ct) =>
                (await accounts.DeleteAsync(id, await actors.GetAsync(), ct)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(CertificatePermissions.Manage).WithName("DeleteAcmeAccount");
    }
}
