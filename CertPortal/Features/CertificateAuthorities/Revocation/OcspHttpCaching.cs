using CertPortal.Pki;

namespace CertPortal.Features.CertificateAuthorities.Revocation;

/// <summary>
/// The HTTP caching headers of RFC 5019 §6.2 for an OCSP answer fetched with GET, so browsers, CDNs and proxies keep
/// it until its nextUpdate: Last-Modified (thisUpdate), Expires (nextUpdate), ETag, and
/// Cache-Control max-age, public, no-transform, must-revalidate. Answers with a nonce and failures are not cached.
/// </summary>
public static class OcspHttpCaching
{
    public const string ResponseType = "application/ocsp-response";

    public static IResult Result(OcspReply reply, HttpContext http, TimeProvider clock)
    {
        if (reply.Status != OcspResponseStatus.Successful || reply.Nonced || reply.ThisUpdate is not { } thisUpdate || reply.NextUpdate is not { } nextUpdate)
        {
            http.Response.Headers.CacheControl = "no-cache, no-store";
            return Results.Bytes(reply.Der, ResponseType);
        }
        return IsNotModified(http, OcspCacheHeaders.For(reply.Der, thisUpdate, nextUpdate), clock)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(reply.Der, ResponseType);
    }

    /// <summary>Sets the caching headers; true when the client's If-None-Match names this answer already (304).</summary>
    public static bool IsNotModified(HttpContext http, OcspCacheHeaders cache, TimeProvider clock)
    {
        var headers = http.Response.Headers;
        headers.ETag = cache.ETag;
        headers.LastModified = cache.LastModified;
        headers.Expires = cache.Expires;
        headers.CacheControl = cache.CacheControl(clock.GetUtcNow());
        return http.Request.Headers.IfNoneMatch == cache.ETag;
    }
}
