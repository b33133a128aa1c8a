using System.Text.Json;

namespace CertPortal.Features.Targets;

/// <summary>
/// A target as the API and pages show it: secrets only as <c>"set"</c>; <see cref="TestPassedAt"/> is null when Test
/// never passed since the connection settings were last changed.
/// </summary>
public sealed record TargetView(Guid Id, Guid CustomerId, string Name, string Type,
    IReadOnlyDictionary<string, JsonElement> Settings, IReadOnlyDictionary<string, string> Secrets, DateTime CreatedAt, DateTime UpdatedAt,
    DateTime? TestPassedAt);

/// <summary>What a person sends. A secret left out or empty on update keeps its stored value (secrets are write-only).</summary>
public sealed record TargetInput(Guid? CustomerId, string? Name, string? Type, Dictionary<string, JsonElement>? Settings, Dictionary<string, string?>? Secrets);

/// <summary>A target ready for a run: its connector and unsealed settings.</summary>
public sealed record OpenedTarget(Guid Id, Guid CustomerId, string Name, Connectors.ITargetConnector Connector, Connectors.TargetSettings Settings);

/// <summary>How a list names a target.</summary>
public sealed record TargetHeadline(Guid Id, string Name, string Type);

/// <summary>When a target may be changed: its maintenance window, parsed (null when it has none or it does not parse).</summary>
public sealed record TargetSchedule(Guid Id, string Name, string? WindowText, MaintenanceWindow? Window);

/// <summary>The SSH host key fingerprint a technician trusts (as Test showed it).</summary>
public sealed record HostKeyInput(string? HostKeySha256);
