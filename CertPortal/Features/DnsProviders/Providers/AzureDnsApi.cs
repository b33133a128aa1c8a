using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>One Azure DNS TXT record set over ARM: read it with its ETag, write or delete it conditionally, explain errors.</summary>
public sealed class AzureDnsApi(HttpClient http, TimeProvider clock, string accessToken, string recordSetUrl, string recordName, string clientId)
{
    private const string Vendor = "Azure DNS";

    /// <summary>The set's ETag (null when there is no set) and its values, each value's 255-character strings joined.</summary>
    public async Task<(string? ETag, IReadOnlyList<string> Values)> ReadAsync(CancellationToken ct)
    {
        var answer = await SendAsync(HttpMethod.Get, null, null, ct);
        // 404 "NotFound" is a name without TXT; ParentResourceNotFound (no such zone) and others are real errors.
        if (answer.Status == HttpStatusCode.NotFound && ErrorOf(answer).Code == "NotFound")
            return (null, []);
        if (!answer.IsSuccess)
            throw Failure(answer, $"read the TXT records at {recordName}");
        var root = JsonDocument.Parse(answer.Body).RootElement;
        var records = root.GetProperty("properties").TryGetProperty("TXTRecords", out var list) ? list.EnumerateArray().ToList() : [];
        return (root.TryGetProperty("etag", out var etag) ? etag.GetString() : null,
            records.Select(r => string.Concat(r.GetProperty("value").EnumerateArray().Select(v => v.GetString()))).ToList());
    }

    /// <summary>
    /// Puts the set with these values, or deletes it when none are left, on condition it is still as read (If-Match,
    /// or If-None-Match: * for a new set). False when Azure answers 412: someone changed it meanwhile, so read again.
    /// </summary>
    public async Task<bool> WriteAsync(IReadOnlyList<string> values, int ttlSeconds, string? etag, CancellationToken ct)
    {
        var answer = values.Count == 0
            ? await SendAsync(HttpMethod.Delete, null, etag, ct)
            : await SendAsync(HttpMethod.Put, new { properties = new { TTL = ttlSeconds, TXTRecords = values.Select(v => new { value = new[] { v } }) } }, etag, ct);
        if (answer.Status == HttpStatusCode.PreconditionFailed)
            return false;
        return answer.IsSuccess ? true : throw Failure(answer, $"change the TXT records at {recordName}");
    }

    private Task<VendorResponse> SendAsync(HttpMethod method, object? body, string? etag, CancellationToken ct) =>
        ThrottledSender.SendAsync(http, () =>
        {
            // ARM's names are TTL and TXTRecords exactly: no camelCase policy.
            var request = new HttpRequestMessage(method, recordSetUrl) { Content = body is null ? null : JsonContent.Create(body, options: JsonSerializerOptions.Default) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            if (method != HttpMethod.Get && etag is not null)
                request.Headers.TryAddWithoutValidation("If-Match", etag);
            else if (method == HttpMethod.Put)
                request.Headers.TryAddWithoutValidation("If-None-Match", "*");
            return request;
        }, Vendor, clock, ct);

    private DnsProviderException Failure(VendorResponse answer, string what)
    {
        var (code, message) = ErrorOf(answer);
        return new DnsProviderException(code switch
        {
            "AuthenticationFailed" or "InvalidAuthenticationToken" or "ExpiredAuthenticationToken" =>
                $"Azure did not accept the app's access token ({code}: {message}).",
            "AuthorizationFailed" =>
                $"The app registration {clientId} may not {what} (AuthorizationFailed); give it the DNS Zone Contributor role on the zone. Azure said: {message}",
            "ParentResourceNotFound" or "ResourceGroupNotFound" or "ResourceNotFound" or "SubscriptionNotFound" =>
                $"Azure could not find the DNS zone ({code}: {message}); check the subscription, resource group and zone.",
            "" => $"Azure DNS could not {what}: HTTP {(int)answer.Status}.",
            _ => $"Azure DNS could not {what}: {code}: {message}",
        });
    }

    private static (string Code, string Message) ErrorOf(VendorResponse answer)
    {
        try
        {
            var error = JsonDocument.Parse(answer.Body).RootElement.GetProperty("error");
            return (error.GetProperty("code").GetString() ?? "", error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return ("", "");
        }
    }
}
