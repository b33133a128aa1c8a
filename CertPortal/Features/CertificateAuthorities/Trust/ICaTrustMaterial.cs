using CertPortal.Security;

namespace CertPortal.Features.CertificateAuthorities.Trust;

/// <summary>
/// What other slices may read of a CA to push it to devices as trust (docs/trust-push.md): its certificate and its
/// newest CRL. Never its key.
/// </summary>
public interface ICaTrustMaterial
{
    /// <summary>The CA's material when <paramref name="actor"/> may see the CA; null otherwise.</summary>
    Task<CaTrustMaterial?> FindAsync(Guid caId, Actor actor, CancellationToken ct = default);

    /// <summary>The CA's material for a run (no person's view applies); null when the CA is gone.</summary>
    Task<CaTrustMaterial?> GetAsync(Guid caId, CancellationToken ct = default);

    /// <summary>Each given CA's name, for lists of trust bindings; unknown ids are left out.</summary>
    Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> caIds, CancellationToken ct = default);
}
