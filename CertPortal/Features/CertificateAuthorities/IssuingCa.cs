using System.Security.Cryptography.X509Certificates;
using CertPortal.Pki;

namespace CertPortal.Features.CertificateAuthorities;

/// <summary>
/// A CA opened for signing, for slices that issue from it: the issuer (certificate with key, and the CA's status
/// URLs), and the chain above what it issues (this CA first, up to the root). Dispose when done: it holds the key.
/// </summary>
public sealed class IssuingCa(Guid id, string name, Guid? customerId, CertificateIssuer issuer, IReadOnlyList<X509Certificate2> chain) : IDisposable
{
    public Guid Id => id;

    public string Name => name;

    public Guid? CustomerId => customerId;

    public CertificateIssuer Issuer => issuer;

    public IReadOnlyList<X509Certificate2> Chain => chain;

    public void Dispose()
    {
        issuer.Certificate.Dispose();
        foreach (var certificate in chain)
            certificate.Dispose();
    }
}
