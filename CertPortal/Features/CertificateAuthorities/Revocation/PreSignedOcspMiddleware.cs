using System.Buffers;
using CertPortal.Pki;

namespace CertPortal.Features.CertificateAuthorities.Revocation;

/// <summary>
/// Answers <c>/pki/{caId}/ocsp</c> requests without a nonce (GET or POST) from the CA's trusted pre-signed answers
/// before anything else in the pipeline runs: the request is read in place, its CertID looked up, the stored DER
/// written (RFC 5019). Whatever it cannot answer that way (a nonce, an unknown serial, a CA not loaded yet, answers
/// distrusted after a change) passes on unchanged to <see cref="PkiEndpoints"/>.
/// </summary>
public sealed class PreSignedOcspMiddleware(RequestDelegate next, CaOcspResponders responders, TimeProvider clock)
{
    // "/pki/" + a GUID + "/ocsp"
    private const int CaIdAt = 5;
    private const int OcspAt = CaIdAt + 36;
    private const int OcspEnd = OcspAt + 5;
    // A plain request is about 80 octets; RFC 5019 §5 has GET requests under 255 octets of base64.
    private const int MaxRequestBytes = 1024;

    public Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value;
        if (path is null || path.Length < OcspEnd || !path.StartsWith("/pki/", StringComparison.Ordinal)
            || !path.AsSpan(OcspAt, 5).SequenceEqual("/ocsp") || !Guid.TryParseExact(path.AsSpan(CaIdAt, 36), "D", out var caId)
            || !responders.TryGetLoaded(caId, out var responder))
            return next(http);
        var rest = path.AsSpan(OcspEnd);
        if (HttpMethods.IsGet(http.Request.Method) && rest.Length > 1 && rest[0] == '/')
            return FromGet(responder, rest) is { } answer ? WriteGetAsync(http, answer) : next(http);
        if (HttpMethods.IsPost(http.Request.Method) && rest.IsEmpty && http.Request.ContentLength is > 0 and <= MaxRequestBytes)
            return PostAsync(http, responder);
        return next(http);
    }

    private static PreSignedOcspAnswer? FromGet(OcspResponder responder, ReadOnlySpan<char> path)
    {
        if (path.Length > MaxRequestBytes * 2)
            return null;
        Span<char> scratch = stackalloc char[path.Length + 3];
        Span<byte> der = stackalloc byte[path.Length];
        return PlainOcspRequest.TryDecodeGetPath(path, scratch, der, out var length) && responder.TryPreSigned(der[..length], out var answer) ? answer : null;
    }

    private Task WriteGetAsync(HttpContext http, PreSignedOcspAnswer answer)
    {
        if (OcspHttpCaching.IsNotModified(http, answer.Headers, clock))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        return WriteAsync(http, answer.Reply.Der);
    }

    private async Task PostAsync(HttpContext http, OcspResponder responder)
    {
        var length = (int)http.Request.ContentLength!.Value;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var read = 0;
            while (read < length && await http.Request.Body.ReadAsync(buffer.AsMemory(read, length - read), http.RequestAborted) is > 0 and var n)
                read += n;
            if (responder.TryPreSigned(buffer.AsSpan(0, read), out var answer))
            {
                await WriteAsync(http, answer.Reply.Der);
                return;
            }
            // Read already: the endpoint gets the same bytes to read again.
            http.Request.Body = new MemoryStream(buffer.AsSpan(0, read).ToArray(), writable: false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        await next(http);
    }

    private static Task WriteAsync(HttpContext http, byte[] der)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = OcspHttpCaching.ResponseType;
        http.Response.ContentLength = der.Length;
        return http.Response.Body.WriteAsync(der, http.RequestAborted).AsTask();
    }
}
