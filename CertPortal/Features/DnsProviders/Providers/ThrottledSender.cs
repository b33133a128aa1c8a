using System.Net;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// Sends one vendor API request, waiting and sending again while the vendor answers "rate limited" (honouring its
/// Retry-After), and turns transport failures into a message for a technician.
/// </summary>
public static class ThrottledSender
{
    public const int Attempts = 4;
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    /// <param name="build">Builds a fresh request per attempt (a request message cannot be sent twice).</param>
    /// <param name="isThrottled">The vendor's way of saying "slow down"; HTTP 429 when null.</param>
    public static async Task<VendorResponse> SendAsync(HttpClient http, Func<HttpRequestMessage> build, string vendor, TimeProvider clock,
        CancellationToken ct, Func<VendorResponse, bool>? isThrottled = null)
    {
        isThrottled ??= r => r.Status == HttpStatusCode.TooManyRequests;
        for (var attempt = 1; ; attempt++)
        {
            var response = await SendOnceAsync(http, build, vendor, ct);
            if (!isThrottled(response))
                return response;
            if (attempt == Attempts)
                throw new DnsProviderException($"{vendor} kept answering that the portal is rate limited (HTTP {(int)response.Status}) after {Attempts} attempts; " +
                                               "wait a few minutes, check nothing else uses the same credentials heavily, and try again.");
            var wait = response.RetryAfter ?? TimeSpan.FromSeconds(1 << (attempt - 1));
            await Task.Delay(wait > LongestWait ? LongestWait : wait, clock, ct);
        }
    }

    private static async Task<VendorResponse> SendOnceAsync(HttpClient http, Func<HttpRequestMessage> build, string vendor, CancellationToken ct)
    {
        using var request = build();
        try
        {
            using var response = await http.SendAsync(request, ct);
            var retryAfter = response.Headers.RetryAfter is { } header
                ? header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null)
                : null;
            return new VendorResponse(response.StatusCode, await response.Content.ReadAsStringAsync(ct), retryAfter);
        }
        catch (HttpRequestException e)
        {
            throw new DnsProviderException($"Could not reach {vendor} at {request.RequestUri?.GetLeftPart(UriPartial.Authority)}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new DnsProviderException($"{vendor} at {request.RequestUri?.GetLeftPart(UriPartial.Authority)} did not answer in time.", e);
        }
    }
}
