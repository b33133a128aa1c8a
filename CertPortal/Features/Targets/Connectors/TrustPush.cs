namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// What a connector gets for one trust run: the target's settings, the trust binding's options, the CA and CRL to
/// push, and a way to log steps the run page shows live.
/// </summary>
public sealed class TrustPush(TargetSettings settings, IReadOnlyDictionary<string, string?> options, TrustMaterial material, Func<string, string, Task> step)
{
    public TargetSettings Settings => settings;

    public IReadOnlyDictionary<string, string?> Options => options;

    public TrustMaterial Material => material;

    /// <summary>Logs a finished step ("upload", "import", "commit", "reload", "verify") with a message for the technician.</summary>
    public Task StepAsync(string name, string message) => step(name, message);

    public string? Option(string name) => options.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
}
