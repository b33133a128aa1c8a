using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// AWS Signature Version 4 in the Authorization header, as specified at
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html (the AWS SDK is not used here).
/// </summary>
public static class AwsSigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Adds <c>x-amz-date</c> and <c>Authorization</c>; signs host, x-amz-date and the content type when there is one.</summary>
    public static void Sign(HttpRequestMessage request, byte[] payload, AwsCredentialScope scope, string secretAccessKey, DateTimeOffset now)
    {
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        var uri = request.RequestUri!;
        var headers = new Dictionary<string, string> { ["host"] = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}", ["x-amz-date"] = amzDate };
        if (request.Content?.Headers.ContentType is { } contentType)
            headers["content-type"] = contentType.ToString();
        request.Headers.TryAddWithoutValidation("Authorization", Authorization(request.Method.Method, uri, headers, payload, scope, secretAccessKey, amzDate));
    }

    /// <summary>The Authorization header value for a request whose signed headers (lowercase names) are given.</summary>
    public static string Authorization(string method, Uri uri, IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> payload,
        AwsCredentialScope scope, string secretAccessKey, string amzDate)
    {
        var sorted = headers.Select(h => (Name: h.Key.ToLowerInvariant(), Value: CollapseSpaces(h.Value))).OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        var signedHeaders = string.Join(';', sorted.Select(h => h.Name));
        var canonicalRequest = string.Join('\n',
            method.ToUpperInvariant(),
            CanonicalPath(uri),
            CanonicalQuery(uri),
            string.Concat(sorted.Select(h => $"{h.Name}:{h.Value}\n")),
            signedHeaders,
            Hex(SHA256.HashData(payload)));
        var date = amzDate[..8];
        var credentialScope = $"{date}/{scope.Region}/{scope.Service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{credentialScope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

        var key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (var part in new[] { date, scope.Region, scope.Service, "aws4_request" })
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return $"{Algorithm} Credential={scope.AccessKeyId}/{credentialScope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    // Services other than S3 encode each path segment twice; Uri.AbsolutePath is already encoded once.
    private static string CanonicalPath(Uri uri) =>
        uri.AbsolutePath.Length == 0 ? "/" : string.Join('/', uri.AbsolutePath.Split('/').Select(Uri.EscapeDataString));

    private static string CanonicalQuery(Uri uri) => string.Join('&', uri.Query.TrimStart('?')
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=', 2))
        .Select(p => (Name: Uri.EscapeDataString(Uri.UnescapeDataString(p[0])), Value: Uri.EscapeDataString(Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))))
        .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
        .Select(p => $"{p.Name}={p.Value}"));

    private static string CollapseSpaces(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
