using System.Text.Json;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>One FortiOS answer: HTTP status, whether it failed, the envelope's error code and its JSON.</summary>
internal sealed record FortiGateReply(int HttpStatus, bool Failed, int? Error, JsonElement? Root)
{
    public string? Text(string name) => Root is { } root && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public JsonElement? Results => Root is { } root && root.TryGetProperty("results", out var results) ? results : null;
}
