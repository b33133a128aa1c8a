namespace CertPortal.Features.Certificates;

/// <summary>Implemented by slices that refer to certificates, so a certificate is not deleted out from under them.</summary>
public interface ICertificateDependents
{
    Task<string?> DescribeAsync(Guid certificateId, CancellationToken ct);
}
