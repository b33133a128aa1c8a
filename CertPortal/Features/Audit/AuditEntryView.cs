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
    string Summary)
{
    /// <summary>The object's name (<see cref="AuditSubjectNames"/>), for entity types that name their objects.</summary>
    public string? EntityName { get; init; }

    /// <summary>The object's page, relative to the portal (e.g. <c>certificates/{id}</c>); null when it has none or is gone.</summary>
    public string? EntityUrl { get; init; }
}
