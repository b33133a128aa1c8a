using CertPortal.Pki;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// What a trust run pushes (docs/trust-push.md): a CA's certificate and, once signed, its CRL. <see cref="Name"/> is
/// what the device calls the CA (a binding's option, or one made from the CA's name).
/// </summary>
public sealed record TrustMaterial(string Name, string CaPem, byte[] CaDer, string CaThumbprintSha256, byte[]? CrlDer, long CrlNumber)
{
    public string? CrlPem => CrlDer is null ? null : PemText.Encode(PemText.Crl, CrlDer);

    /// <summary>The CA's thumbprint as Windows shows it (SHA-1, uppercase hex): Cert:\ paths name certificates so.</summary>
    public string WindowsThumbprint => Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(CaDer));
}
