namespace CertPortal.Features.Targets;

/// <summary>Implemented by slices that refer to targets, so a target is not deleted out from under them ("2 deployments").</summary>
public interface ITargetDependents
{
    Task<string?> DescribeAsync(Guid targetId, CancellationToken ct);
}
