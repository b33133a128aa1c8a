using CertPortal.Features.CertificateAuthorities.Trust;
using CertPortal.Security;

namespace CertPortal.Features.Deployments.Trust;

/// <summary>Every new CRL of a CA (a revocation, the scheduled refresh) is pushed to the targets that trust that CA.</summary>
internal sealed class CrlTrustPusher(TrustDeploymentService trust) : ICrlPublishedListener
{
    public async Task OnPublishedAsync(CrlPublished published, CancellationToken ct)
    {
        using var _ = ActorAccessor.RunAs(Actor.Job(nameof(CrlTrustPusher)));
        await trust.PushCrlAsync(published.CaId, published.CrlNumber, ct);
    }
}
