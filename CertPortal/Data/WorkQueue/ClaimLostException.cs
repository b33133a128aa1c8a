namespace CertPortal.Data.WorkQueue;

/// <summary>The claim on queued work ran out and another instance took the work up: this instance must write nothing more for it.</summary>
public sealed class ClaimLostException(QueueClaim claim)
    : Exception($"The claim on {claim.Kind} {claim.SubjectId} was taken up by another instance; this instance leaves the work to it.")
{
    public QueueClaim Claim { get; } = claim;
}
