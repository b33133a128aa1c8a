namespace CertPortal.Features.Audit;

/// <summary>An object an audit entry is about: its name, and its page (relative, e.g. <c>certificates/{id}</c>) when it has one.</summary>
public sealed record AuditSubject(string Name, string? Url);
