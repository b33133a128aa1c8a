using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Features.Endpoints;

/// <summary>The certificates an endpoint sent, leaf first, in the order sent.</summary>
public sealed class ServedChain(IReadOnlyList<X509Certificate2> certificates) : IDisposable
{
    public X509Certificate2 Leaf => certificates[0];

    public IReadOnlyList<X509Certificate2> Certificates => certificates;

    public string Pem => string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n"));

    public void Dispose()
    {
        foreach (var certificate in certificates)
            certificate.Dispose();
    }
}
