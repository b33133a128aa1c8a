using CertPortal.Common;
using CertPortal.Features.DnsProviders.Providers;

namespace CertPortal.Features.DnsProviders;

/// <summary>The provider types this build implements, and the settings every type shares.</summary>
public sealed class DnsProviderTypes(IEnumerable<IDnsProviderType> types)
{
    /// <summary>Settings every type takes: where the propagation check asks, and how long it waits.</summary>
    public static readonly IReadOnlyList<ProviderField> Common =
    [
        new("resolvers", "Resolvers for the propagation check", "Optional list of host:port; empty asks the zone's authoritative servers.", Required: false, Section: FormSection.Advanced),
        new("propagationTimeoutSeconds", "Propagation timeout (s)", "How long to wait for the TXT record to be seen. Default 120.", Required: false, Section: FormSection.Advanced),
    ];

    public IReadOnlyList<IDnsProviderType> All { get; } = types.OrderBy(t => t.Type).ToList();

    /// <summary>Each type's vendor name, so lists order by what they show.</summary>
    public IReadOnlyDictionary<string, string> DisplayNames => All.ToDictionary(t => t.Type, t => t.DisplayName);

    public IDnsProviderType? Find(string? type) => All.FirstOrDefault(t => string.Equals(t.Type, type, StringComparison.OrdinalIgnoreCase));
}
