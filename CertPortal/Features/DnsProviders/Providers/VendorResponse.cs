using System.Net;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>A vendor API's answer, read whole: status, body and the Retry-After it asked for.</summary>
public sealed record VendorResponse(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}
