namespace CertPortal.Features.Audit;

/// <summary>An audit entry as the API and the audit page show it.</summary>
public sealed record AuditEntryView(
    DateTime At,
    string User,
    string? Ip,
    string Action,
    string EntityType,
    string? EntityId,
    AuditOutcome Outcome,
    string Summary);
