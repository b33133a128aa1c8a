namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>A provider's settings and its secrets (already unsealed), as a provider call needs them.</summary>
public sealed record DnsProviderSettings(IReadOnlyDictionary<string, string?> Values, IReadOnlyDictionary<string, string?> Secrets)
{
    /// <summary>The stored provider these settings are of (empty for settings made up in code, e.g. tests).</summary>
    public Guid ProviderId { get; init; }

    /// <summary>Who the record is written for (the certificate an order is for), when known.</summary>
    public Guid? OwnerId { get; init; }

    public string Required(string name) =>
        (Values.GetValueOrDefault(name) ?? Secrets.GetValueOrDefault(name)) is { Length: > 0 } value
            ? value
            : throw new DnsProviderException($"The setting '{name}' is missing.");

    public string? Optional(string name) => Values.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
}
