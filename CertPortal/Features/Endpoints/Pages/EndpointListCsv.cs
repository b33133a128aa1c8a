using CertPortal.Common;
using CertPortal.Features.Endpoints.Watching;

namespace CertPortal.Features.Endpoints.Pages;

/// <summary>The endpoint list's columns as its CSV export writes them.</summary>
public static class EndpointListCsv
{
    public static IReadOnlyList<CsvColumn<EndpointView>> Columns(IReadOnlyDictionary<Guid, string> customerNames) =>
    [
        new("Endpoint", e => e.Address),
        new("Customer", e => customerNames.GetValueOrDefault(e.CustomerId, "")),
        new("Origin", e => e.Origin),
        new("Subject", e => e.Subject),
        new("Not after", e => e.NotAfter),
        new("Days left", e => e.DaysLeft),
        new("Key", e => e.Key),
        new("Tracked", e => e.KnownCertificateId is null ? "no" : "yes"),
        new("Problems", e => string.Join("; ", e.Problems.Select(EndpointProblems.Label))),
        new("Thumbprint (SHA-256)", e => e.ThumbprintSha256),
        new("Last checked", e => e.LastCheckedAt),
    ];
}
