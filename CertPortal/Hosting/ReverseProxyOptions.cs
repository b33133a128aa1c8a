namespace CertPortal.Hosting;

/// <summary>
/// Section <c>CertPortal:ReverseProxy</c>: the TLS reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are
/// believed. None by default: without a configured proxy the headers are ignored, so no client can claim another
/// address or https.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "CertPortal:ReverseProxy";

    /// <summary>Addresses of the proxies, e.g. <c>127.0.0.1</c> or <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies live in, in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];
}
