namespace CertPortal.Features.Targets.Connectors;

/// <summary>A target's settings and its unsealed secrets, as a connector call needs them.</summary>
public sealed record TargetSettings(IReadOnlyDictionary<string, string?> Values, IReadOnlyDictionary<string, string?> Secrets)
{
    /// <summary>The form's label of each setting, so run messages say what a technician sees ("Host key SHA-256", not hostKeySha256).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The label of setting <paramref name="name"/> on the target form, or the name where there is none.</summary>
    public string Label(string name) => Labels.GetValueOrDefault(name) ?? name;

    public string Required(string name) =>
        (Values.GetValueOrDefault(name) ?? Secrets.GetValueOrDefault(name)) is { Length: > 0 } value
            ? value
            : throw TargetException.Setting($"{Label(name)} is empty: set it on the target.");

    public string? Optional(string name) =>
        (Values.GetValueOrDefault(name) ?? Secrets.GetValueOrDefault(name)) is { Length: > 0 } value ? value : null;

    public bool Flag(string name, bool fallback = false) => Optional(name) is { } value ? value.Equals("true", StringComparison.OrdinalIgnoreCase) : fallback;

    public int Number(string name, int fallback) => int.TryParse(Optional(name), out var value) ? value : fallback;

    /// <summary>A port setting; one saved before ports were checked and outside 1-65535 fails the run with its name, not the request.</summary>
    public int Port(string name, int fallback)
    {
        var port = Number(name, fallback);
        return port is >= 1 and <= 65535 ? port : throw TargetException.Setting($"{Label(name)} must be a port from 1 to 65535, not {port}.");
    }
}
