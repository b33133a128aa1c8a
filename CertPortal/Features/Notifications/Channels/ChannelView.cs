using System.Text.Json;

namespace CertPortal.Features.Notifications.Channels;

/// <summary>A channel as the API and page show it: secrets only as <c>"set"</c>.</summary>
public sealed record ChannelView(Guid Id, string Name, string Type, Guid? CustomerId, IReadOnlyList<string> Events,
    IReadOnlyDictionary<string, JsonElement> Settings, IReadOnlyDictionary<string, string> Secrets, DateTime CreatedAt, DateTime UpdatedAt);
