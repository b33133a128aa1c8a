using CertPortal.Api;
using CertPortal.Common;
using CertPortal.Features.Certificates.Files;
using CertPortal.Security;
using Microsoft.AspNetCore.Authorization;

namespace CertPortal.Features.Certificates;

/// <summary>/api/v1/certificates: thin — bind, authorize, call the slice's services, map the result.</summary>
public static class CertificateEndpoints
{
    public static void MapCertificateEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("certificates");

        // order=asc|desc reverses the chosen sort; an unknown sort keeps the default order, as it always has here.
        group.MapGet("", async (Guid? customerId, string? status, string? search, int? expiring, string? sort, string? order, int? page, int? pageSize,
                CertificateService certificates, ActorAccessor actors, CancellationToken ct) =>
                ListSort.Parse(null, order, CertificateSort.All, new ListSort(CertificateSort.Attention, false)) is { IsOk: false } refused
                    ? refused.ToHttp(_ => TypedResults.Ok())
                    : TypedResults.Ok(await certificates.ListAsync(new CertificateFilter(customerId, status, search, expiring, sort, order?.Trim().ToLowerInvariant() == "desc"),
                        Paging.From(page, pageSize), await actors.GetAsync(), ct)))
            .RequireAuthorization(CertificatePermissions.View).WithName("ListCertificates");

        group.MapGet("/{id:guid}", async (Guid id, CertificateService certificates, ActorAccessor actors, CancellationToken ct) =>
                (await certificates.GetAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(CertificatePermissions.View).WithName("GetCertificate");

        group.MapGet("/{id:guid}/runs", async (Guid id, CertificateService certificates, ActorAccessor actors, CancellationToken ct) =>
                (await certificates.RunsAsync(id, await actors.GetAsync(), ct: ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(CertificatePermissions.View).WithName("ListCertificateRuns");

        group.MapPost("", async (CertificateRequestInput request, CertificateService certificates, ActorAccessor actors, CancellationToken ct) =>
                (await certificates.RequestAsync(request, await actors.GetAsync(), ct)).ToHttp(c => TypedResults.Accepted($"/api/v1/certificates/{c.Id}", c)))
            .RequireAuthorization(CertificatePermissions.Manage).WithName("RequestCertificate");

        group.MapPost("/{id:guid}/renew", async (Guid id, CertificateService certificates, ActorAccessor actors, CancellationToken ct) =>
                (await certificates.RenewAsync(id, await actors.GetAsync(), ct)).ToHttp(c => TypedResults.Accepted($"/api/v1/certificates/{c.Id}", c)))
            .RequireAuthorization(CertificatePermissions.Manage).WithName("RenewCertificate");

        group.MapPost("/{id:guid}/revoke", async (Guid id, RevokeRequest? request, CertificateService certificates, ActorAccessor actors, CancellationToken ct) =>
                (await certificates.RevokeAsync(id, request ?? new RevokeRequest(null), await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(CertificatePermissions.Manage).WithName("RevokeCertificate");

        group.MapDelete("/{id:guid}", async (Guid id, CertificateService certificates, ActorAccessor actors, CancellationToken ct) =>
                (await certificates.DeleteAsync(id, await actors.GetAsync(), ct)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(CertificatePermissions.Manage).WithName("DeleteCertificate");

        group.MapPost("/import", ImportAsync).RequireAuthorization(CertificatePermissions.Manage).DisableAntiforgery().WithName("ImportCertificate");

        group.MapGet("/{id:guid}/download", async (Guid id, string? format, string? password, int? version, HttpContext http,
                IAuthorizationService authorization, CertificateDownloads downloads, ActorAccessor actors, CancellationToken ct) =>
            {
                var keysAllowed = (await authorization.AuthorizeAsync(http.User, CertificatePermissions.DownloadKeys)).Succeeded;
                return (await downloads.GetAsync(id, format, password, version, keysAllowed, await actors.GetAsync(), ct))
                    .ToHttp(f => TypedResults.File(f.Content, f.ContentType, f.FileName));
            })
            .RequireAuthorization(CertificatePermissions.View).WithName("DownloadCertificate");
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, CertificateImport import, ActorAccessor actors, CancellationToken ct) =>
        await MultipartUpload.ReadAsync(request, ct) is not { } upload
            ? MultipartUpload.NotMultipart("file, password and customerId")
            : (await import.ImportAsync(upload.Id("customerId"), upload.File, upload.Text("password"), await actors.GetAsync(), ct))
                .ToHttp(c => TypedResults.Created($"/api/v1/certificates/{c.Id}", c));
}
