using CertPortal.Features.DnsProviders.Providers;

namespace CertPortal.Tests.DnsProviders.Simulators;

/// <summary>What a test needs of any vendor simulator: the provider type, its settings and secrets, the switches.</summary>
public interface ISimulatedVendor : IAsyncDisposable
{
    string Type { get; }

    SimulatedDns Dns { get; }

    RateLimitSwitch RateLimit { get; }

    IDnsProviderType CreateProvider();

    Dictionary<string, string?> Settings();

    Dictionary<string, string?> Secrets();

    /// <summary>Secrets that are well formed but wrong, and what the provider's message must then say.</summary>
    (Dictionary<string, string?> Secrets, string Expected) WrongSecrets();
}
