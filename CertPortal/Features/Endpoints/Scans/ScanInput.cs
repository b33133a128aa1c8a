namespace CertPortal.Features.Endpoints.Scans;

/// <summary>POST /api/v1/discovery/scans.</summary>
public sealed record ScanInput(Guid? CustomerId, List<string>? Hosts, List<int>? Ports);
