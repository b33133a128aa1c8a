namespace CertPortal.Features.Audit;

/// <summary>What the audit page and <c>GET /api/v1/audit</c> filter on, and the order (<see cref="AuditSort"/>). Dates are UTC; <c>To</c> is exclusive.</summary>
public sealed record AuditFilter(
    string? User = null,
    string? EntityType = null,
    string? EntityId = null,
    string? Action = null,
    DateTime? From = null,
    DateTime? To = null,
    Guid? CustomerId = null,
    CertPortal.Common.ListSort? Sort = null);
