using CertPortal.Common;

namespace CertPortal.Features.ClientCerts.Pages;

/// <summary>The client certificate list's columns as its CSV export writes them.</summary>
public static class ClientCertListCsv
{
    public static IReadOnlyList<CsvColumn<ClientCertView>> Columns(IReadOnlyDictionary<Guid, string> caNames, IReadOnlyDictionary<Guid, string> customerNames) =>
    [
        new("Name", c => c.CommonName),
        new("Email", c => c.Email),
        new("Usage", c => c.Usage),
        new("Status", c => c.Status),
        new("Expires", c => c.NotAfter),
        new("Serial", c => c.SerialNumber),
        new("CA", c => caNames.GetValueOrDefault(c.CaId, "")),
        new("Customer", c => customerNames.GetValueOrDefault(c.CustomerId, "")),
    ];
}
