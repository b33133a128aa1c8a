namespace CertPortal.Features.Endpoints.Scans;

/// <summary>A TLS endpoint a scan found, as it was then (the watched endpoint it became moves on with later checks).</summary>
public sealed class ScanFinding
{
    public Guid Id { get; set; }

    public Guid ScanId { get; set; }

    public string Host { get; set; } = "";

    public int Port { get; set; }

    public string ServerName { get; set; } = "";

    public string ThumbprintSha256 { get; set; } = "";

    public string Subject { get; set; } = "";

    public DateTime NotAfter { get; set; }

    public Guid? KnownCertificateId { get; set; }

    public Guid EndpointId { get; set; }
}
