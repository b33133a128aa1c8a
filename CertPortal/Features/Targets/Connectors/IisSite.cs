using System.Text.Json;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>An IIS site as Get-Website shows it: name, id and state (Started, Stopped).</summary>
internal sealed record IisSite(string Name, long Id, string State)
{
    /// <summary>ConvertTo-Json prints nothing for no sites, an object for one and an array for several.</summary>
    public static IReadOnlyList<IisSite> ParseAll(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        using var document = JsonDocument.Parse(json);
        var items = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToList() : [document.RootElement];
        return items.Select(i => new IisSite(
            i.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "",
            i.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt64() : 0,
            i.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.String ? state.GetString() ?? "" : "")).ToList();
    }
}
