namespace CertPortal.Features.ClientCerts;

/// <summary>List filters: customer, CA, status and a search in common name, email and serial.</summary>
public sealed record ClientCertFilter(Guid? CustomerId = null, Guid? CaId = null, string? Status = null, string? Search = null);
