using CertPortal.Api;
using CertPortal.Common;
using CertPortal.Features.CertificateAuthorities.Revocation;
using CertPortal.Security;

namespace CertPortal.Features.CertificateAuthorities;

/// <summary>/api/v1/cas: thin — bind, authorize, call <see cref="CaService"/>, map the result.</summary>
public static class CaEndpoints
{
    public static void MapCaEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("cas");

        group.MapGet("", async (Guid? customerId, int? expiring, string? sort, string? order, int? page, int? pageSize, CaService cas, ActorAccessor actors, CancellationToken ct) =>
                await ListSort.Parse(sort, order, CaSort.All, CaSort.Default).ToHttpAsync(async sorting =>
                    TypedResults.Ok(await cas.ListAsync(customerId, expiring, Paging.From(page, pageSize), await actors.GetAsync(), ct, sorting))))
            .RequireAuthorization(CaPermissions.View).WithName("ListCas");

        group.MapGet("/{id:guid}", async (Guid id, CaService cas, ActorAccessor actors, CancellationToken ct) =>
                (await cas.GetAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(CaPermissions.View).WithName("GetCa");

        group.MapPost("", async (CaInput input, CaService cas, ActorAccessor actors, CancellationToken ct) =>
                (await cas.CreateAsync(input, await actors.GetAsync(), ct)).ToHttp(c => TypedResults.Created($"/api/v1/cas/{c.Id}", c)))
            .RequireAuthorization(CaPermissions.Manage).WithName("CreateCa");

        group.MapPut("/{id:guid}", async (Guid id, CaChange change, CaService cas, ActorAccessor actors, CancellationToken ct) =>
                (await cas.ChangeRevocationBaseUrlAsync(id, change, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(CaPermissions.Manage).WithName("UpdateCa");

        group.MapPost("/import", async (HttpRequest request, CaImport import, ActorAccessor actors, CancellationToken ct) =>
                await MultipartUpload.ReadAsync(request, ct) is not { } upload
                    ? MultipartUpload.NotMultipart("name, customerId?, file, password? and revocationBaseUrl?")
                    : (await import.ImportAsync(upload.Form["name"], upload.Id("customerId"), upload.File, upload.Text("password"), upload.Text("revocationBaseUrl"),
                        await actors.GetAsync(), ct))
                        .ToHttp(c => TypedResults.Created($"/api/v1/cas/{c.Id}", c)))
            .RequireAuthorization(CaPermissions.Manage).DisableAntiforgery().WithName("ImportCa");

        group.MapDelete("/{id:guid}", async (Guid id, CaService cas, IEnumerable<IIssuedCertificateSource> sources, ActorAccessor actors, CancellationToken ct) =>
                (await cas.DeleteAsync(id, sources, await actors.GetAsync(), ct)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(CaPermissions.Manage).WithName("DeleteCa");

        group.MapPost("/{id:guid}/crl", async (Guid id, CaService cas, ActorAccessor actors, CancellationToken ct) =>
                (await cas.PublishCrlAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(CaPermissions.Manage).WithName("PublishCaCrl");
    }
}
