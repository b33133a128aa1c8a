namespace CertPortal.Features.CertificateAuthorities;

/// <summary>The addresses a CA writes into what it issues: AIA caIssuers (its certificate), the CRL distribution point and AIA OCSP.</summary>
public sealed record CaRevocationUrls(string CaIssuers, string Crl, string Ocsp)
{
    /// <summary>The three under a CA's folder (<see cref="CaUrls.For"/>).</summary>
    public static CaRevocationUrls Under(string caFolder) => new($"{caFolder}/ca.crt", $"{caFolder}/crl", $"{caFolder}/ocsp");

    public bool AnyLoopback => RevocationBaseUrl.IsLoopback(CaIssuers) || RevocationBaseUrl.IsLoopback(Crl) || RevocationBaseUrl.IsLoopback(Ocsp);
}
