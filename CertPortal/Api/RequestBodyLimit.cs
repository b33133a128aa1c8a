using Microsoft.AspNetCore.Http.Metadata;

namespace CertPortal.Api;

/// <summary>
/// Enforces an API endpoint's body size limit (<see cref="IRequestSizeLimitMetadata"/>, 1 MB for /api/v1) before the
/// body is bound, so an oversized body answers 413 problem details on any server: one without
/// IHttpMaxRequestBodySizeFeature (the test server) would not limit the body at all.
/// </summary>
public static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        var request = context.Request;
        if (limit is { } max && request.Path.StartsWithSegments("/api"))
        {
            if (request.ContentLength > max)
                throw TooLarge();
            if (request.ContentLength is null && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
                request.Body = await ReadAtMostAsync(request.Body, max, context.RequestAborted);
        }
        await next(context);
    });

    // A body without Content-Length (chunked) is read here, up to one byte past the limit, so binding sees at most the limit.
    private static async Task<Stream> ReadAtMostAsync(Stream body, long max, CancellationToken ct)
    {
        var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            copy.Write(buffer, 0, read);
            if (copy.Length > max)
                throw TooLarge();
        }
        copy.Position = 0;
        return copy;
    }

    // ApiExceptionHandler turns this into the 413 problem, as it does Kestrel's own.
    private static BadHttpRequestException TooLarge() =>
        new("The request body is larger than this endpoint accepts.", StatusCodes.Status413PayloadTooLarge);
}
