namespace CertPortal.Features.Endpoints;

/// <summary>
/// Section <c>CertPortal:Discovery</c>: how hard a scan may knock (docs/discovery.md). The defaults keep a /22 with a
/// few ports to under a minute without flooding a customer's network or tripping its intrusion detection.
/// </summary>
public sealed class DiscoveryOptions
{
    public const string Section = "CertPortal:Discovery";

    /// <summary>The widest IPv4 range a scan takes (a /22 is 1,024 addresses); IPv6 ranges hold at most as many.</summary>
    public const int WidestIpv4Prefix = 22;

    /// <summary>Connections open at once during one scan.</summary>
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>New connections started per second, per scan: the rate limit.</summary>
    public int ConnectsPerSecond { get; set; } = 200;

    public int ConnectTimeoutMilliseconds { get; set; } = 2000;

    public int HandshakeTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>Address × port pairs one scan may try.</summary>
    public int MaxPairs { get; set; } = 16384;

    /// <summary>Ports one scan may list.</summary>
    public int MaxPorts { get; set; } = 1024;

    /// <summary>How often a watched endpoint is looked at by the schedule.</summary>
    public int CheckIntervalMinutes { get; set; } = 360;

    /// <summary>A served certificate ending within this many days is "expiring".</summary>
    public int ExpiringDays { get; set; } = 30;

    /// <summary>How long an unexpected change stays a problem after it was seen.</summary>
    public int ChangedDays { get; set; } = 7;
}
