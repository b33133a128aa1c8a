namespace CertPortal.Features.Notifications.Channels;

/// <summary>A channel's settings and unsealed secrets, as its sender reads them.</summary>
public sealed record ChannelSettings(IReadOnlyDictionary<string, string?> Settings, IReadOnlyDictionary<string, string> Secrets)
{
    /// <summary>A setting or secret by name; empty when absent (validation made sure required ones are there).</summary>
    public string Value(string name) =>
        Secrets.GetValueOrDefault(name) is { Length: > 0 } secret ? secret : Settings.GetValueOrDefault(name) ?? "";
}
