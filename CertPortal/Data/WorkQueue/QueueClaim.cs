namespace CertPortal.Data.WorkQueue;

/// <summary>A row this instance now works; <paramref name="PreviousHolder"/> is the instance whose claim ran out, if any.</summary>
public sealed record QueueClaim(Guid Id, string Kind, Guid SubjectId, Guid LockKey, string? PreviousHolder);
