using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Features.ClientCerts;

/// <summary>A certificate just signed, not yet stored: the row to store, the certificate and its key (none for a CSR).</summary>
public sealed record SignedClientCert(ClientCertificate Entity, X509Certificate2 Certificate, AsymmetricAlgorithm? Key) : IDisposable
{
    public void Dispose()
    {
        Certificate.Dispose();
        Key?.Dispose();
    }
}
