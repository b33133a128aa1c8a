namespace CertPortal.Features.ClientCerts;

/// <summary>
/// List filters: customer, CA, status, a search in common name, email and serial, and "expiring within N days" (valid,
/// not yet ended, ending within N days, and not renewed already: the worklist's and the dashboard's meaning), and the
/// order (<see cref="ClientCertSort"/>).
/// </summary>
public sealed record ClientCertFilter(Guid? CustomerId = null, Guid? CaId = null, string? Status = null, string? Search = null, int? ExpiringWithinDays = null,
    CertPortal.Common.ListSort? Sort = null);
