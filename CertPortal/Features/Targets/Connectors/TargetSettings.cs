namespace CertPortal.Features.Targets.Connectors;

/// <summary>A target's settings and its unsealed secrets, as a connector call needs them.</summary>
public sealed record TargetSettings(IReadOnlyDictionary<string, string?> Values, IReadOnlyDictionary<string, string?> Secrets)
{
    public string Required(string name) =>
        (Values.GetValueOrDefault(name) ?? Secrets.GetValueOrDefault(name)) is { Length: > 0 } value
            ? value
            : throw new TargetException($"The setting '{name}' is missing.");

    public string? Optional(string name) =>
        (Values.GetValueOrDefault(name) ?? Secrets.GetValueOrDefault(name)) is { Length: > 0 } value ? value : null;

    public bool Flag(string name, bool fallback = false) => Optional(name) is { } value ? value.Equals("true", StringComparison.OrdinalIgnoreCase) : fallback;

    public int Number(string name, int fallback) => int.TryParse(Optional(name), out var value) ? value : fallback;

    /// <summary>A port setting; one saved before ports were checked and outside 1-65535 fails the run with its name, not the request.</summary>
    public int Port(string name, int fallback)
    {
        var port = Number(name, fallback);
        return port is >= 1 and <= 65535 ? port : throw new TargetException($"The setting {name} must be a port from 1 to 65535, not {port}.");
    }
}
