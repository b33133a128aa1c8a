namespace CertPortal.Pki;

/// <summary>
/// Where relying parties find a CA's status services, written into what it issues: AIA OCSP and caIssuers
/// (RFC 5280 §4.2.2.1) and the CRL distribution point (§4.2.1.13). Any may be absent.
/// </summary>
public sealed record RevocationUrls(string? OcspUrl, string? CaIssuersUrl, string? CrlUrl)
{
    public static readonly RevocationUrls None = new(null, null, null);

    /// <summary>The portal's layout: <c>{base}/pki/{caId}/ocsp</c>, <c>/ca.crt</c> and <c>/crl</c>.</summary>
    public static RevocationUrls Under(string caBaseUrl)
    {
        var root = caBaseUrl.TrimEnd('/');
        return new RevocationUrls($"{root}/ocsp", $"{root}/ca.crt", $"{root}/crl");
    }
}
