namespace CertPortal.Features.Certificates;

/// <summary>Raised in-process when a certificate gets a new version (issued, renewed or imported); deployments listen.</summary>
public sealed record CertificateIssued(Guid CertificateId, Guid CustomerId, int Version, string ThumbprintSha256, bool IsRenewal);

/// <summary>Something that acts on a new certificate version (e.g. queueing deployment runs).</summary>
public interface ICertificateIssuedListener
{
    Task OnIssuedAsync(CertificateIssued issued, CancellationToken ct);
}
