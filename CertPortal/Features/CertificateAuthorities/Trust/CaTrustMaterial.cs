using System.Security.Cryptography.X509Certificates;
using CertPortal.Pki;

namespace CertPortal.Features.CertificateAuthorities.Trust;

/// <summary>A CA's certificate and its newest signed CRL (null before the first), as devices are given them.</summary>
public sealed record CaTrustMaterial(Guid CaId, Guid? CustomerId, string Name, string Subject, string CertificatePem, string ThumbprintSha256,
    byte[]? CrlDer, long CrlNumber)
{
    public byte[] CertificateDer
    {
        get
        {
            using var certificate = X509Certificate2.CreateFromPem(CertificatePem);
            return certificate.RawData;
        }
    }

    /// <summary>The CRL as PEM ("X509 CRL" label, RFC 7468 §6), what nginx's ssl_crl reads.</summary>
    public string? CrlPem => CrlDer is null ? null : PemText.Encode(PemText.Crl, CrlDer);
}
