using System.Net;
using System.Text.Json;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>Cloudflare's envelope <c>{success, errors:[{code,message}], result, result_info}</c>, and what a failure means.</summary>
public sealed record CloudflareAnswer(HttpStatusCode Status, bool Ok, IReadOnlyList<CloudflareError> Errors, JsonElement Result, int TotalPages)
{
    public static CloudflareAnswer Read(VendorResponse response)
    {
        try
        {
            var root = JsonDocument.Parse(response.Body).RootElement;
            var errors = root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(e => new CloudflareError(e.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0,
                    e.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "")).ToList()
                : [];
            var ok = response.IsSuccess && root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.True;
            var pages = root.TryGetProperty("result_info", out var info) && info.ValueKind == JsonValueKind.Object &&
                        info.TryGetProperty("total_pages", out var total) && total.TryGetInt32(out var t) ? t : 1;
            return new CloudflareAnswer(response.Status, ok, errors, root.TryGetProperty("result", out var result) ? result.Clone() : default, pages);
        }
        catch (JsonException)
        {
            return new CloudflareAnswer(response.Status, false, [new CloudflareError(0, "the answer was not Cloudflare's JSON")], default, 1);
        }
    }

    public DnsProviderException Failure(string what)
    {
        var detail = Errors.Count == 0 ? $"HTTP {(int)Status}" : string.Join("; ", Errors.Select(e => $"{e.Code} {e.Message}"));
        // 10000 "Authentication error", 9109 "Invalid access token", 6003/6111 malformed authorization header.
        if (Status == HttpStatusCode.Unauthorized || Errors.Any(e => e.Code is 10000 or 9109 or 6003 or 6111))
            return new DnsProviderException($"Cloudflare refused the API token ({detail}); check it is valid, not expired, and pasted whole.");
        if (Status == HttpStatusCode.Forbidden)
            return new DnsProviderException($"Cloudflare did not allow the token to {what} ({detail}); it needs Zone:Read and DNS:Edit on this zone.");
        return new DnsProviderException($"Cloudflare could not {what}: {detail}.");
    }
}
