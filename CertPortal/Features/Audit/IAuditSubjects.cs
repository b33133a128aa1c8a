namespace CertPortal.Features.Audit;

/// <summary>
/// How the audit log names the objects of one entity type: each slice that records entries about its objects
/// implements it, so the log shows "portal.example.test" with a link instead of a GUID.
/// </summary>
public interface IAuditSubjects
{
    /// <summary>The entity type as the slice records it, e.g. <c>Certificate</c>.</summary>
    string EntityType { get; }

    /// <summary>The objects among <paramref name="ids"/> that still exist, by id, in one query.</summary>
    Task<IReadOnlyDictionary<string, AuditSubject>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    /// <summary>
    /// The name an entry's summary gives its object, shown once the object is gone: by default the first quoted name
    /// ("Deleted target 'Edge firewall'."); a slice whose summaries name their objects otherwise reads them its way.
    /// </summary>
    string? NameIn(string summary) => AuditSubjectNames.Quoted(summary);
}
