using CertPortal.Security;

namespace CertPortal.Features.Endpoints.Watching;

/// <summary>
/// A host:port (with the name sent as SNI, "" for none) of a customer, looked at on a schedule: what it served at the
/// last look and what is wrong with it. Found by a scan, added by hand, or the endpoint of a deployment binding.
/// </summary>
public sealed class WatchedEndpoint : ICustomerOwned
{
    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public string Host { get; set; } = "";

    public int Port { get; set; }

    /// <summary>The SNI sent; "" when none (kept non-null so the unique index holds on both databases).</summary>
    public string ServerName { get; set; } = "";

    /// <summary><see cref="EndpointOrigins"/>: how it came to be watched.</summary>
    public string Origin { get; set; } = EndpointOrigins.Manual;

    /// <summary>The binding whose verification endpoint this is; its served certificate must be the deployed version.</summary>
    public Guid? DeploymentId { get; set; }

    /// <summary>For a binding: the thumbprint verified there (what the portal deployed).</summary>
    public string? DeployedThumbprintSha256 { get; set; }

    public string? ThumbprintSha256 { get; set; }

    public string? Subject { get; set; }

    public string? Issuer { get; set; }

    public DateTime? NotAfter { get; set; }

    /// <summary>e.g. "RSA 2048", "EC P-256".</summary>
    public string? Key { get; set; }

    /// <summary>The DNS names (and IP addresses) the served certificate answers to.</summary>
    public List<string> Names { get; set; } = [];

    /// <summary>The chain as served, leaf first, PEM.</summary>
    public string? ChainPem { get; set; }

    public Guid? KnownCertificateId { get; set; }

    public int? KnownVersion { get; set; }

    /// <summary>
    /// What <see cref="Problems"/> is compared with in a query to find the endpoints with any: the column is JSON, so an
    /// endpoint without a problem stores "[]" and the comparison runs in the database.
    /// </summary>
    public static List<string> NoProblems => [];

    /// <summary><see cref="EndpointProblems"/> found at the last look, worst first.</summary>
    public List<string> Problems { get; set; } = [];

    /// <summary>When the served certificate last changed to one the portal did not deploy.</summary>
    public DateTime? ChangedAt { get; set; }

    public string? ChangedFromThumbprintSha256 { get; set; }

    public string? LastError { get; set; }

    public DateTime? LastCheckedAt { get; set; }

    public DateTime CreatedAt { get; set; }
}
