namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// A kind of target that can be given a private CA to trust, and that CA's CRL (docs/trust-push.md). Implemented next
/// to <see cref="ITargetConnector"/> by the connectors whose devices have a documented way to do it.
/// </summary>
public interface ITrustConnector
{
    /// <summary>The options a trust binding to this kind of target takes (paths, store, name on the device).</summary>
    IReadOnlyList<TargetField> TrustOptions { get; }

    /// <summary>Puts the CA and its CRL on the device; throws <see cref="TargetException"/> with a clear message on failure.</summary>
    Task PushTrustAsync(TrustPush push, CancellationToken ct);

    /// <summary>Reads back what the device holds now; answers what was seen, or throws <see cref="TargetException"/> when it is not what was pushed.</summary>
    Task<string> VerifyTrustAsync(TrustPush push, CancellationToken ct);

    /// <summary>Puts back what the device held before the push where the device allows it; answers what was done.</summary>
    Task<string> RollbackTrustAsync(TrustPush push, CancellationToken ct);
}
