namespace CertPortal.Features.Endpoints.Watching;

/// <summary>What adopting an endpoint's certificate made: the tracked certificate, and the endpoint as it now reads.</summary>
public sealed record AdoptedCertificate(Guid CertificateId, EndpointView Endpoint);
