using System.Text.Json;

namespace CertPortal.Features.DnsProviders;

/// <summary>A DNS provider as the API and pages show it: secrets only as <c>"set"</c>.</summary>
public sealed record DnsProviderView(Guid Id, Guid CustomerId, string Name, string Type,
    IReadOnlyDictionary<string, JsonElement> Settings, IReadOnlyDictionary<string, string> Secrets, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>What a person sends. A secret left out or empty on update keeps its stored value (secrets are write-only).</summary>
public sealed record DnsProviderInput(Guid? CustomerId, string? Name, string? Type, Dictionary<string, JsonElement>? Settings, Dictionary<string, string?>? Secrets);

/// <summary>The answer of "Test": whether a TXT record could be written and removed, and what happened.</summary>
public sealed record DnsProviderTestResult(bool Ok, string Message);
