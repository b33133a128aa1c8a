namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>One setting a DNS provider type declares; the UI builds its form from these, the API validates with them.</summary>
public sealed record ProviderField(string Name, string Label, string Help, bool Secret = false, bool Required = true);
