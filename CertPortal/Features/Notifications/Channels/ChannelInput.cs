using System.Text.Json;

namespace CertPortal.Features.Notifications.Channels;

/// <summary>What an admin sends. A secret left out or empty on update keeps its stored value (secrets are write-only).</summary>
public sealed record ChannelInput(string? Name, string? Type, Guid? CustomerId, List<string>? Events,
    Dictionary<string, JsonElement>? Settings, Dictionary<string, string?>? Secrets);
