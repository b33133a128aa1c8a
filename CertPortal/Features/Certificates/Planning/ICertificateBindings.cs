namespace CertPortal.Features.Certificates.Planning;

/// <summary>
/// Implemented by the Deployments slice: the automatic deployments a renewal starts, and when each will actually run
/// (at the renewal, or when its target's maintenance window next opens).
/// </summary>
public interface ICertificateBindings
{
    Task<IReadOnlyList<FollowingDeployment>> FollowingAsync(IReadOnlyCollection<(Guid CertificateId, DateTime RenewedAt)> renewals, CancellationToken ct);
}
