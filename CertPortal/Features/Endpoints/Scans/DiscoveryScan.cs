using CertPortal.Security;

namespace CertPortal.Features.Endpoints.Scans;

/// <summary>One scan of a customer's hosts and ranges on a list of ports; worked in the background by <see cref="DiscoveryQueue"/>.</summary>
public sealed class DiscoveryScan : ICustomerOwned
{
    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    /// <summary>As given: addresses, CIDR ranges and host names.</summary>
    public List<string> Hosts { get; set; } = [];

    public List<int> Ports { get; set; } = [];

    /// <summary><see cref="ScanStatus"/>.</summary>
    public string Status { get; set; } = ScanStatus.Queued;

    /// <summary>Address × port pairs to try.</summary>
    public int Total { get; set; }

    /// <summary>Pairs tried so far.</summary>
    public int Done { get; set; }

    /// <summary>TLS endpoints found so far.</summary>
    public int Found { get; set; }

    public string StartedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }
}
