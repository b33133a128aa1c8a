namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// What a connector gets for one deployment run: the target's settings, the binding's options, the certificate to
/// push and the one it replaces (for rollback), and a way to log steps the run page shows live.
/// </summary>
public sealed class ConnectorRun(TargetSettings settings, IReadOnlyDictionary<string, string?> options, DeployableCertificate certificate,
    DeployableCertificate? previous, Func<string, string, Task> step)
{
    public TargetSettings Settings => settings;

    public IReadOnlyDictionary<string, string?> Options => options;

    public DeployableCertificate Certificate => certificate;

    public DeployableCertificate? Previous => previous;

    /// <summary>
    /// The versions this run may leave a device's management interface presenting (the one pushed, the one put
    /// back); with pinned trust its management calls trust these besides the pin.
    /// </summary>
    public IReadOnlyList<string> ManagementThumbprints => previous is null ? [certificate.ThumbprintSha256] : [certificate.ThumbprintSha256, previous.ThumbprintSha256];

    /// <summary>Logs a finished step (e.g. "upload", "bind", "commit", "reload") with a message for the technician.</summary>
    public Task StepAsync(string name, string message) => step(name, message);

    public string? Option(string name) => options.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
}
