namespace CertPortal.Features.CertificateAuthorities.Trust;

/// <summary>A CA's CRL was signed anew (a revocation, the scheduled refresh, a person's "sign now").</summary>
public sealed record CrlPublished(Guid CaId, long CrlNumber);

/// <summary>Something that acts on a new CRL, e.g. pushing it to the devices that trust the CA; its failures never fail the signing.</summary>
public interface ICrlPublishedListener
{
    Task OnPublishedAsync(CrlPublished published, CancellationToken ct);
}
