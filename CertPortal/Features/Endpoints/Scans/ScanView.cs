namespace CertPortal.Features.Endpoints.Scans;

/// <summary>A scan with what it found so far (the README's API section: <c>{id, status, endpoints}</c>, and its progress beside).</summary>
public sealed record ScanView(
    Guid Id,
    string Status,
    IReadOnlyList<ScanEndpointView> Endpoints,
    Guid CustomerId,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<int> Ports,
    int Total,
    int Done,
    int Found,
    string StartedBy,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt)
{
    public static ScanView Of(DiscoveryScan s, IReadOnlyList<ScanEndpointView> endpoints) =>
        new(s.Id, s.Status, endpoints, s.CustomerId, s.Hosts, s.Ports, s.Total, s.Done, s.Found, s.StartedBy, s.CreatedAt, s.StartedAt, s.FinishedAt);
}
