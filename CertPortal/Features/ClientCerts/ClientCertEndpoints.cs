using CertPortal.Api;
using CertPortal.Common;
using CertPortal.Features.ClientCerts.Batch;
using CertPortal.Security;
using Microsoft.AspNetCore.Authorization;

namespace CertPortal.Features.ClientCerts;

/// <summary>/api/v1/client-certs: thin — bind, authorize, call the slice's services, map the result.</summary>
public static class ClientCertEndpoints
{
    public static void MapClientCertEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("client-certs");

        group.MapGet("", async (Guid? customerId, Guid? caId, string? status, string? search, int? expiring, string? sort, string? order, int? page, int? pageSize,
                ClientCertService certs, ActorAccessor actors, CancellationToken ct) =>
            {
                var sorting = ListSort.Parse(sort, order, ClientCertSort.All, ClientCertSort.Default);
                if (!sorting.IsOk)
                    return sorting.ToHttp(_ => TypedResults.Ok());
                return (IResult)TypedResults.Ok(await certs.ListAsync(new ClientCertFilter(customerId, caId, status, search, expiring, sorting.Value),
                    Paging.From(page, pageSize), await actors.GetAsync(), ct));
            })
            .RequireAuthorization(ClientCertPermissions.View).WithName("ListClientCerts");

        group.MapGet("/{id:guid}", async (Guid id, ClientCertService certs, ActorAccessor actors, CancellationToken ct) =>
                (await certs.GetAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(ClientCertPermissions.View).WithName("GetClientCert");

        group.MapPost("", async (ClientCertInput input, ClientCertService certs, ActorAccessor actors, CancellationToken ct) =>
                (await certs.IssueAsync(input, await actors.GetAsync(), ct)).ToHttp(c => TypedResults.Created($"/api/v1/client-certs/{c.Id}", c)))
            .RequireAuthorization(ClientCertPermissions.Manage).WithName("IssueClientCert");

        group.MapPost("/{id:guid}/renew", async (Guid id, ClientCertService certs, ActorAccessor actors, CancellationToken ct) =>
                (await certs.RenewAsync(id, await actors.GetAsync(), ct)).ToHttp(c => TypedResults.Created($"/api/v1/client-certs/{c.Id}", c)))
            .RequireAuthorization(ClientCertPermissions.Manage).WithName("RenewClientCert");

        group.MapPost("/{id:guid}/revoke", async (Guid id, ClientCertRevokeInput? input, ClientCertService certs, ActorAccessor actors, CancellationToken ct) =>
                (await certs.RevokeAsync(id, input ?? new ClientCertRevokeInput(null), await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(ClientCertPermissions.Manage).WithName("RevokeClientCert");

        group.MapPost("/batch", BatchAsync).RequireAuthorization(ClientCertPermissions.Manage).RequireAuthorization(ClientCertPermissions.DownloadKeys)
            .DisableAntiforgery().WithName("IssueClientCertBatch");

        group.MapGet("/{id:guid}/download", async (Guid id, string? format, string? password, string? flavour, HttpContext http,
                IAuthorizationService authorization, ClientCertDownloads downloads, ActorAccessor actors, CancellationToken ct) =>
            {
                var keysAllowed = (await authorization.AuthorizeAsync(http.User, ClientCertPermissions.DownloadKeys)).Succeeded;
                return (await downloads.GetAsync(id, format, password, flavour, keysAllowed, await actors.GetAsync(), ct))
                    .ToHttp(f => TypedResults.File(f.Content, f.ContentType, f.FileName));
            })
            .RequireAuthorization(ClientCertPermissions.View).WithName("DownloadClientCert");
    }

    // multipart/form-data: file (the CSV), caId, customerId? (for a shared CA), flavour? (modern | legacy).
    private static async Task<IResult> BatchAsync(HttpRequest request, ClientCertBatch batch, ActorAccessor actors, CancellationToken ct) =>
        await MultipartUpload.ReadAsync(request, ct) is not { } upload
            ? MultipartUpload.NotMultipart("file (the CSV), caId and customerId (for a shared CA)")
            : (await batch.RunAsync(upload.Id("caId"), upload.Id("customerId"), upload.File, upload.Form["flavour"].ToString(), await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok);
}
