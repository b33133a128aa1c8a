using CertPortal.Data;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>One setting a DNS provider type declares; the UI builds its form from these, the API validates with them.</summary>
/// <remarks><paramref name="Kind"/>: how the API checks the value, and whether it is an endpoint that secrets travel to.</remarks>
public sealed record ProviderField(string Name, string Label, string Help, bool Secret = false, bool Required = true, SettingKind Kind = SettingKind.Text)
{
    public SettingSpec Spec => new(Name, Label, Secret, Kind);
}
