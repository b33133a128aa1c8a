using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace CertPortal.Acme;

public sealed partial class AcmeClient
{
    /// <summary>
    /// Downloads the certificate chain (PEM, leaf first). With <paramref name="preferredChain"/>, the default chain and
    /// each alternate (RFC 8555 §7.4.2) are checked for a certificate whose issuer common name matches, and the first
    /// that does is taken; otherwise the default chain.
    /// </summary>
    public async Task<AcmeCertificateChain> DownloadCertificateAsync(Uri url, string? preferredChain = null, CancellationToken ct = default)
    {
        var first = await PostAsync(url, null, ct);
        var chain = new AcmeCertificateChain(first.Body, first.Alternates);
        if (string.IsNullOrWhiteSpace(preferredChain) || IssuedBy(chain.Pem, preferredChain))
            return chain;
        foreach (var alternate in first.Alternates)
        {
            var other = await PostAsync(alternate, null, ct);
            if (IssuedBy(other.Body, preferredChain))
                return new AcmeCertificateChain(other.Body, first.Alternates);
        }
        return chain;
    }

    /// <summary>Revokes a certificate (RFC 8555 §7.6) with an RFC 5280 reason code, signed by the account.</summary>
    public async Task RevokeAsync(byte[] certificateDer, int reason = 0, CancellationToken ct = default)
    {
        var directory = await GetDirectoryAsync(ct);
        await PostAsync(directory.RevokeCert, new { certificate = Base64Url.Encode(certificateDer), reason }, ct);
    }

    /// <summary>ARI (RFC 9773 §4.1): the CA's suggested renewal window for <paramref name="certificate"/>, or null when the CA offers none.</summary>
    public async Task<RenewalInfo?> GetRenewalInfoAsync(X509Certificate2 certificate, CancellationToken ct = default)
    {
        var directory = await GetDirectoryAsync(ct);
        if (directory.RenewalInfo is null || CertificateId(certificate) is not { } id)
            return null;
        using var response = await http.GetAsync(new Uri(directory.RenewalInfo.AbsoluteUri.TrimEnd('/') + "/" + id), ct);
        if (!response.IsSuccessStatusCode)
            return null;
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        var window = json.GetProperty("suggestedWindow");
        return new RenewalInfo(
            DateTimeOffset.Parse(window.GetProperty("start").GetString()!),
            DateTimeOffset.Parse(window.GetProperty("end").GetString()!),
            json.TryGetProperty("explanationURL", out var e) && e.ValueKind == JsonValueKind.String ? new Uri(e.GetString()!) : null,
            response.Headers.RetryAfter?.Delta);
    }

    /// <summary>
    /// ARI's certificate identifier (RFC 9773 §4.1): base64url of the Authority Key Identifier's keyIdentifier, a dot,
    /// and base64url of the serial number's DER content octets. Null without an AKI.
    /// </summary>
    public static string? CertificateId(X509Certificate2 certificate)
    {
        var aki = certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault();
        if (aki?.KeyIdentifier is not { } keyId)
            return null;
        // SerialNumberBytes is the INTEGER's content octets as encoded (big-endian, sign octet kept).
        return $"{Base64Url.Encode(keyId.Span)}.{Base64Url.Encode(certificate.SerialNumberBytes.Span)}";
    }

    private static bool IssuedBy(string pem, string issuerCommonName)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(pem);
        return certificates.Any(c => c.GetNameInfo(X509NameType.SimpleName, forIssuer: true)
            .Contains(issuerCommonName, StringComparison.OrdinalIgnoreCase));
    }
}
