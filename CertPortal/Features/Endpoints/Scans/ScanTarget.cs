namespace CertPortal.Features.Endpoints.Scans;

/// <summary>One address (or host name) of a scan: a host given by name is connected to by that name and sent as SNI.</summary>
public sealed record ScanTarget(string Host, string? ServerName);
