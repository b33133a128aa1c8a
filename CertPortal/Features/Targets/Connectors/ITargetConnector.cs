namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// A kind of target (a vendor's API, a host over SSH): it declares its settings, tests a connection, pushes a
/// certificate version and, when verification fails after a change, puts the previous version back.
/// </summary>
public interface ITargetConnector
{
    string Type { get; }

    /// <summary>What a person picks in the type list: the vendor and product, e.g. "Palo Alto PAN-OS (XML API)".</summary>
    string DisplayName { get; }

    /// <summary>One line under the name: what a run does there.</summary>
    string Description { get; }

    IReadOnlyList<TargetField> Fields { get; }

    /// <summary>True when the connector calls an HTTPS management API, whose certificate may need pinning (self-signed appliances).</summary>
    bool ManagementTls => false;

    /// <summary>True when a person does the change (the manual target): a run hands over the bundle and waits for "done".</summary>
    bool WaitsForPerson => false;

    /// <summary>Logs in and reads something harmless; the message says what was seen (e.g. the device's version).</summary>
    Task<TargetTestResult> TestAsync(TargetSettings settings, CancellationToken ct);

    /// <summary>Pushes <see cref="ConnectorRun.Certificate"/>; throws <see cref="TargetException"/> with a clear message on failure.</summary>
    Task DeployAsync(ConnectorRun run, CancellationToken ct);

    /// <summary>Serves <see cref="ConnectorRun.Previous"/> again after a failed verification.</summary>
    Task RollbackAsync(ConnectorRun run, CancellationToken ct);

    /// <summary>Where to check the served certificate afterwards, or null when this kind of target has nothing to check.</summary>
    VerificationEndpoint? EndpointToVerify(TargetSettings settings, IReadOnlyDictionary<string, string?> options);
}

/// <summary>The answer of "Test": whether the target could be reached and logged in to, and what happened.</summary>
/// <remarks><paramref name="SeenHostKeySha256"/>: an SSH host's key while none is pinned, for the technician to check and trust.</remarks>
public sealed record TargetTestResult(bool Ok, string Message, string? SeenHostKeySha256 = null);
