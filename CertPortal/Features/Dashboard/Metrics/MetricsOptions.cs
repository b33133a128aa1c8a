namespace CertPortal.Features.Dashboard.Metrics;

/// <summary>Section <c>CertPortal:Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "CertPortal:Metrics";

    /// <summary>Let anyone who reaches /metrics scrape it without an API token (a scraper on a closed network). Default false.</summary>
    public bool AllowAnonymous { get; set; }
}
