using CertPortal.Common;

namespace CertPortal.Features.Certificates.Pages;

/// <summary>The certificate list's columns as its CSV export writes them.</summary>
public static class CertificateListCsv
{
    public static IReadOnlyList<CsvColumn<CertificateView>> Columns(IReadOnlyDictionary<Guid, string> customerNames) =>
    [
        new("Name", c => c.CommonName),
        new("Other names", c => string.Join("; ", c.SubjectAlternativeNames)),
        new("Customer", c => customerNames.GetValueOrDefault(c.CustomerId, "")),
        new("Status", c => c.Status),
        new("Days left", c => c.DaysLeft),
        new("Expires", c => c.NotAfter),
        new("Issuer", c => c.Issuer),
        new("Auto-renew", c => c.AutoRenew),
    ];
}
