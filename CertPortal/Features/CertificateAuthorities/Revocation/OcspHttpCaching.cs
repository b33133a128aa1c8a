using System.Globalization;
using System.Security.Cryptography;
using CertPortal.Pki;

namespace CertPortal.Features.CertificateAuthorities.Revocation;

/// <summary>
/// The HTTP caching headers of RFC 5019 §6.2 for an OCSP answer fetched with GET, so browsers, CDNs and proxies keep
/// it until its nextUpdate: Last-Modified (thisUpdate), Expires (nextUpdate), ETag, and
/// Cache-Control max-age, public, no-transform, must-revalidate. Answers with a nonce and failures are not cached.
/// </summary>
public static class OcspHttpCaching
{
    private const string ResponseType = "application/ocsp-response";

    public static IResult Result(OcspReply reply, HttpContext http, TimeProvider clock)
    {
        if (reply.Status != OcspResponseStatus.Successful || reply.Nonced || reply.ThisUpdate is not { } thisUpdate || reply.NextUpdate is not { } nextUpdate)
        {
            http.Response.Headers.CacheControl = "no-cache, no-store";
            return Results.Bytes(reply.Der, ResponseType);
        }
        var tag = $"\"{Convert.ToHexStringLower(SHA1.HashData(reply.Der))}\"";
        var maxAge = Math.Max(0, (long)(nextUpdate - clock.GetUtcNow()).TotalSeconds);
        var headers = http.Response.Headers;
        headers.ETag = tag;
        headers.LastModified = thisUpdate.ToString("R", CultureInfo.InvariantCulture);
        headers.Expires = nextUpdate.ToString("R", CultureInfo.InvariantCulture);
        headers.CacheControl = $"max-age={maxAge}, public, no-transform, must-revalidate";
        return http.Request.Headers.IfNoneMatch.ToString() == tag ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(reply.Der, ResponseType);
    }
}
