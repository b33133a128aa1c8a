using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Pki;

/// <summary>
/// Reads a PKCS#10 certificate request (RFC 2986), PEM or DER, and checks that its signature verifies with its own
/// key: that proves the sender holds the private key, so the key never has to leave the device.
/// </summary>
public static class CsrReader
{
    public static PkiResult<CsrContent> Read(ReadOnlySpan<byte> input)
    {
        var der = PemText.DerFrom(input, out var pemError, PemText.CertificateRequest, "NEW CERTIFICATE REQUEST");
        if (der is null)
            return PkiResult<CsrContent>.Refused(pemError!);
        CertificateRequest request;
        try
        {
            // The extensions are read so the caller can see what was asked; none of them is copied into a certificate.
            request = CertificateRequest.LoadSigningRequest(der, HashAlgorithmName.SHA256,
                CertificateRequestLoadOptions.SkipSignatureValidation | CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException or ArgumentException)
        {
            return PkiResult<CsrContent>.Refused("The file is not a PKCS#10 certificate request (PEM or DER).");
        }
        var key = PkiKeys.Describe(request.PublicKey);
        if (!key.IsOk)
            return key.As<CsrContent>();
        if (!SignatureVerifies(der))
            return PkiResult<CsrContent>.Refused("The certificate request's signature does not verify: it was altered or not signed by its own key.");
        return PkiResult<CsrContent>.Ok(new CsrContent(request.SubjectName, request.PublicKey, key.Value!, RequestedNames(request), RequestsCa(request)));
    }

    private static bool SignatureVerifies(byte[] der)
    {
        try
        {
            CertificateRequest.LoadSigningRequest(der, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static SubjectAlternativeNames RequestedNames(CertificateRequest request)
    {
        var extension = request.CertificateExtensions.FirstOrDefault(e => e.Oid?.Value == PkiOids.SubjectAltName);
        try
        {
            return extension is null ? SubjectAlternativeNames.None : SubjectAlternativeNames.Read(extension.RawData);
        }
        catch (AsnContentException)
        {
            // A broken SAN in a request only loses the suggestion; the caller names the certificate anyway.
            return SubjectAlternativeNames.None;
        }
    }

    private static bool RequestsCa(CertificateRequest request) =>
        request.CertificateExtensions.Any(e => e.Oid?.Value == PkiOids.BasicConstraints && new X509BasicConstraintsExtension(e, e.Critical).CertificateAuthority);
}
