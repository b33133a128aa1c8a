namespace CertPortal.Features.Deployments;

/// <summary>What reports read of bindings: the targets each certificate of a customer is bound to.</summary>
public interface IBoundTargetNames
{
    /// <summary>Target names per certificate, sorted; certificates bound nowhere are left out.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> TargetNamesAsync(Guid customerId, CancellationToken ct);
}
