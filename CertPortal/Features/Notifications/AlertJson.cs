using System.Text.Json;
using System.Text.Json.Serialization;

namespace CertPortal.Features.Notifications;

/// <summary>An alert as channels carry it (the README's API section "Events and webhooks"): camelCase, times in UTC, absent values left out.</summary>
public static class AlertJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Serialize(AlertEvent alert) =>
        JsonSerializer.Serialize(alert with { At = DateTime.SpecifyKind(alert.At.Kind == DateTimeKind.Local ? alert.At.ToUniversalTime() : alert.At, DateTimeKind.Utc) }, Options);

    public static AlertEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<AlertEvent>(json, Options) ?? throw new JsonException("The stored alert is empty.");
}
