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

        group.MapGet("", async (Guid? customerId, Guid? caId, string? status, string? search, int? page, int? pageSize, ClientCertService certs, ActorAccessor actors, CancellationToken ct) =>
                TypedResults.Ok(await certs.ListAsync(new ClientCertFilter(customerId, caId, status, search), Paging.From(page, pageSize), await actors.GetAsync(), ct)))
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
    private static async Task<IResult> BatchAsync(HttpRequest request, ClientCertBatch batch, ActorAccessor actors, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return ResultHttp.Problem(StatusCodes.Status415UnsupportedMediaType, "Send multipart/form-data.", "Send the CSV as multipart/form-data with the fields file, caId and customerId (for a shared CA).");
        var form = await request.ReadFormAsync(ct);
        byte[]? content = null;
        if (form.Files.GetFile("file") is { } file)
        {
            using var buffer = new MemoryStream();
            await file.OpenReadStream().CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        var caId = Guid.TryParse(form["caId"], out var ca) ? ca : (Guid?)null;
        var customerId = Guid.TryParse(form["customerId"], out var customer) ? customer : (Guid?)null;
        return (await batch.RunAsync(caId, customerId, content, form["flavour"].ToString(), await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok);
    }
}
