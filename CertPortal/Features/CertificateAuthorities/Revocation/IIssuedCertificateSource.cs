using CertPortal.Pki;

namespace CertPortal.Features.CertificateAuthorities.Revocation;

/// <summary>
/// A slice that issues certificates from the portal's CAs (client certificates, intermediates) tells the CA slice
/// what it issued and what it revoked, so CRLs and OCSP answers cover everything a CA signed.
/// </summary>
public interface IIssuedCertificateSource
{
    /// <summary>Every certificate this source issued from <paramref name="caId"/>: serial (lowercase hex) and, if revoked, when and why.</summary>
    Task<IReadOnlyList<IssuedCertificateState>> StatesAsync(Guid caId, CancellationToken ct);

    /// <summary>The newest certificates issued from the CA, for its page.</summary>
    Task<IReadOnlyList<IssuedCertificateRow>> RecentAsync(Guid caId, int take, CancellationToken ct);
}

/// <summary>One issued certificate's revocation state.</summary>
public sealed record IssuedCertificateState(string SerialHex, DateTimeOffset? RevokedAt, RevocationReason? Reason);

/// <summary>One issued certificate as the CA page lists it; <see cref="Link"/> opens it in its own slice.</summary>
public sealed record IssuedCertificateRow(string CommonName, string Kind, string SerialHex, string Status, DateTime NotAfter, string? Link);
