using CertPortal.Data;
using CertPortal.Pki;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.CertificateAuthorities.Revocation;

/// <summary>
/// The anonymous status services written into issued certificates: <c>/pki/{caId}/ca.crt</c> (AIA caIssuers),
/// <c>/pki/{caId}/crl</c> (CDP; DER, or PEM with <c>?format=pem</c>) and <c>/pki/{caId}/ocsp</c> (RFC 6960 §A.1, GET and POST).
/// </summary>
public static class PkiEndpoints
{
    private const string OcspResponseType = "application/ocsp-response";
    private const int MaxOcspRequestBytes = 64 * 1024;

    public static void MapPkiEndpoints(this IEndpointRouteBuilder app)
    {
        var pki = app.MapGroup("/pki/{caId:guid}").AllowAnonymous().ExcludeFromDescription();

        pki.MapGet("/ca.crt", async (Guid caId, IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var pem = await db.Set<CertificateAuthority>().Where(c => c.Id == caId).Select(c => c.CertificatePem).SingleOrDefaultAsync(ct);
            return pem is null ? Results.NotFound() : Results.Bytes(PemText.DerFrom(System.Text.Encoding.ASCII.GetBytes(pem), out _, PemText.Certificate)!, "application/pkix-cert", "ca.crt");
        });

        pki.MapGet("/crl", async (Guid caId, string? format, IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var crl = await db.Set<CertificateAuthority>().Where(c => c.Id == caId).Select(c => c.CrlDer).SingleOrDefaultAsync(ct);
            if (crl is null)
                return Results.NotFound();
            return format == "pem" ? Results.Text(PemText.Encode(PemText.Crl, crl), "application/x-pem-file") : Results.Bytes(crl, "application/pkix-crl", "ca.crl");
        });

        pki.MapPost("/ocsp", async (Guid caId, HttpRequest request, CaOcspResponders responders, CancellationToken ct) =>
        {
            var responder = await responders.ForAsync(caId);
            if (responder is null)
                return Results.NotFound();
            using var body = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0 && body.Length <= MaxOcspRequestBytes)
                body.Write(buffer, 0, read);
            var reply = body.Length > MaxOcspRequestBytes
                ? new OcspReply(OcspResponseWriter.Unsuccessful(OcspResponseStatus.MalformedRequest), OcspResponseStatus.MalformedRequest, null, null, false)
                : await responder.RespondAsync(body.ToArray(), ct);
            return Results.Bytes(reply.Der, OcspResponseType);
        }).DisableAntiforgery();

        // GET {url}/{url-encoded base64 of the DER request}; base64 may contain '/', so the rest of the path is taken.
        pki.MapGet("/ocsp/{**request}", async (Guid caId, string? request, HttpContext http, CaOcspResponders responders, TimeProvider clock, CancellationToken ct) =>
        {
            var responder = await responders.ForAsync(caId);
            if (responder is null)
                return Results.NotFound();
            return OcspHttpCaching.Result(await responder.RespondToGetAsync(request, ct), http, clock);
        });
    }
}
