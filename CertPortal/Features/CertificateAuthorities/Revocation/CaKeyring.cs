using System.Security.Cryptography.X509Certificates;
using CertPortal.Data;
using CertPortal.Pki;

namespace CertPortal.Features.CertificateAuthorities.Revocation;

/// <summary>Unseals a CA's signing key or its OCSP signer's, as a certificate that can sign. Callers dispose what they get.</summary>
public sealed class CaKeyring(SecretProtector protector)
{
    public X509Certificate2 SigningCertificate(CertificateAuthority ca) => WithKey(ca.CertificatePem, ca.SealedPrivateKey);

    public X509Certificate2? OcspSigner(CertificateAuthority ca) =>
        ca.OcspSignerPem is { } pem && ca.SealedOcspSignerKey is { } sealedKey ? WithKey(pem, sealedKey) : null;

    public string Seal(System.Security.Cryptography.AsymmetricAlgorithm key) => protector.Protect(PkiKeys.ExportPkcs8Pem(key));

    private X509Certificate2 WithKey(string certificatePem, string sealedKey)
    {
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        using var key = PkiKeys.ImportPem(protector.Unprotect(sealedKey)).Require();
        return PkiKeys.Attach(certificate, key);
    }
}
