using CertPortal.Common;

namespace CertPortal.Features.Audit.Pages;

/// <summary>The audit log's columns as its CSV export writes them (the entity by name, with its id for scripts).</summary>
public static class AuditCsv
{
    public static readonly IReadOnlyList<CsvColumn<AuditEntryView>> Columns =
    [
        new("When", e => e.At),
        new("User", e => e.User),
        new("IP", e => e.Ip),
        new("Action", e => e.Action),
        new("Entity type", e => e.EntityType),
        new("Entity", e => e.EntityName),
        new("Entity id", e => e.EntityId),
        new("Outcome", e => e.Outcome.ToString().ToLowerInvariant()),
        new("Summary", e => e.Summary),
    ];
}
