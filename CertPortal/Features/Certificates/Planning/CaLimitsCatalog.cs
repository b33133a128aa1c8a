using Microsoft.Extensions.Options;

namespace CertPortal.Features.Certificates.Planning;

/// <summary>
/// Which limits apply to an ACME directory: the ones configured under <c>CertPortal:Certificates:CaLimits</c> first,
/// then the published ones of Let's Encrypt (production and staging), else a conservative default for a CA that
/// publishes none: Let's Encrypt's numbers with no exemption for renewals, ARI or not.
/// </summary>
public sealed class CaLimitsCatalog(IOptions<CertificateOptions> options)
{
    // Let's Encrypt, 2026 (letsencrypt.org/docs/rate-limits): 300 new orders per account per 3 h, 50 certificates per registered
    // domain and 5 per exact identifier set per 7 days; ARI renewals exempt from all, other renewals from orders and domains.
    public static readonly IReadOnlyList<CaLimits> Published =
    [
        LetsEncrypt("https://acme-v02.api.letsencrypt.org/directory", "Let's Encrypt"),
        LetsEncrypt("https://acme-staging-v02.api.letsencrypt.org/directory", "Let's Encrypt (staging)"),
    ];

    public CaLimits For(string directoryUrl) =>
        options.Value.CaLimits.Concat(Published).FirstOrDefault(l => SameDirectory(l.DirectoryUrl, directoryUrl))
        ?? Conservative(directoryUrl);

    public static CaLimits Conservative(string directoryUrl) => new()
    {
        DirectoryUrl = directoryUrl,
        Name = Uri.TryCreate(directoryUrl, UriKind.Absolute, out var url) ? url.Host : directoryUrl,
        OrdersPerAccount = 300, OrdersWindowHours = 3, CertificatesPerDomain = 50, CertificatesPerIdentifierSet = 5, CertificatesWindowDays = 7,
    };

    private static CaLimits LetsEncrypt(string directoryUrl, string name) => new()
    {
        DirectoryUrl = directoryUrl, Name = name,
        OrdersPerAccount = 300, OrdersWindowHours = 3, CertificatesPerDomain = 50, CertificatesPerIdentifierSet = 5, CertificatesWindowDays = 7,
        AriRenewalsExempt = true, RenewalsSkipOrderAndDomainLimits = true,
    };

    private static bool SameDirectory(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
