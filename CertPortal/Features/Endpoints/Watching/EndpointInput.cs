namespace CertPortal.Features.Endpoints.Watching;

/// <summary>POST /api/v1/endpoints.</summary>
public sealed record EndpointInput(Guid? CustomerId, string? Host, int? Port, string? ServerName);
