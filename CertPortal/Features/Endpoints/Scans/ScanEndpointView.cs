namespace CertPortal.Features.Endpoints.Scans;

/// <summary>A TLS endpoint a scan found; <see cref="EndpointId"/> is the watched endpoint it became.</summary>
public sealed record ScanEndpointView(string Host, int Port, string? ServerName, string ThumbprintSha256, string Subject, DateTime NotAfter, Guid? KnownCertificateId, Guid EndpointId)
{
    public static ScanEndpointView Of(ScanFinding f) =>
        new(f.Host, f.Port, f.ServerName is "" ? null : f.ServerName, f.ThumbprintSha256, f.Subject, f.NotAfter, f.KnownCertificateId, f.EndpointId);
}
