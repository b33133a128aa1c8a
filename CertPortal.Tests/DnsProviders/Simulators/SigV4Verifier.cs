using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CertPortal.Tests.DnsProviders.Simulators;

/// <summary>
/// What AWS does with a SigV4 request: recompute the signature from the request as received and the known secret,
/// written apart from the portal's signer so a mistake in it cannot cancel out here. Answers an AWS error code or null.
/// </summary>
public static class SigV4Verifier
{
    public static string? Check(HttpRequest request, byte[] body, string accessKeyId, string secret, TimeProvider clock)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
            return "MissingAuthenticationToken";
        var fields = authorization["AWS4-HMAC-SHA256 ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signedHeaders) || !fields.TryGetValue("Signature", out var signature))
            return "IncompleteSignature";
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[3] != "route53" || scope[4] != "aws4_request")
            return "IncompleteSignature";
        if (scope[0] != accessKeyId)
            return "InvalidClientTokenId";
        var amzDate = request.Headers["x-amz-date"].ToString();
        if (!signedHeaders.Split(';').Contains("host") || !amzDate.StartsWith(scope[1], StringComparison.Ordinal))
            return "IncompleteSignature";
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", null, System.Globalization.DateTimeStyles.AssumeUniversal, out var signedAt) ||
            (clock.GetUtcNow() - signedAt).Duration() > TimeSpan.FromMinutes(15))
            return "SignatureDoesNotMatch";

        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var rawPath = rawTarget.Split('?')[0];
        var canonical = new StringBuilder()
            .Append(request.Method).Append('\n')
            .Append(string.Join("/", rawPath.Split('/').Select(Uri.EscapeDataString))).Append('\n')
            .Append(string.Join("&", request.Query.SelectMany(q => q.Value.Select(v => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(v ?? "")))
                .Order(StringComparer.Ordinal))).Append('\n');
        foreach (var header in signedHeaders.Split(';'))
            canonical.Append(header).Append(':').Append(header == "host" ? request.Host.Value : request.Headers[header].ToString().Trim()).Append('\n');
        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(Hex(SHA256.HashData(body)));

        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{string.Join('/', scope[1..])}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        key = Mac(Mac(Mac(Mac(key, scope[1]), scope[2]), scope[3]), scope[4]);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hex(Mac(key, toSign))), Encoding.ASCII.GetBytes(signature)) ? null : "SignatureDoesNotMatch";
    }

    private static byte[] Mac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
