namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>One entry of a Cloudflare answer's <c>errors</c>.</summary>
public sealed record CloudflareError(int Code, string Message);
