using Microsoft.Extensions.Options;

namespace CertPortal.Features.Endpoints.Watching;

/// <summary>Looks at one endpoint with the configured timeouts: a handshake and a review of what was served.</summary>
public sealed class EndpointLooker(TlsProbe probe, IOptions<DiscoveryOptions> options)
{
    /// <summary>The served chain reviewed; null when nothing listens (a scan moves on), an error look when something else answered.</summary>
    public async Task<EndpointLook?> LookAsync(string host, int port, string? serverName, CancellationToken ct)
    {
        var limits = options.Value;
        try
        {
            using var served = await probe.ProbeAsync(host, port, serverName, TimeSpan.FromMilliseconds(limits.ConnectTimeoutMilliseconds),
                TimeSpan.FromMilliseconds(limits.HandshakeTimeoutMilliseconds), ct);
            return served is null ? null : new EndpointLook(ServedChainReview.Of(served, host, serverName), null);
        }
        catch (IOException e)
        {
            return new EndpointLook(null, e.Message);
        }
    }
}
