namespace CertPortal.Features.Audit;

/// <summary>An object's id and name as a slice projects its rows for <see cref="NamedAuditSubjects{T}"/>; settable so EF composes the id filter after the projection.</summary>
public sealed class AuditSubjectRow
{
    public Guid Id { get; init; }

    public string Name { get; init; } = "";
}
