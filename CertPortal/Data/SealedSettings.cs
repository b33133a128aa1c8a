using System.Text.Json;
using CertPortal.Common;

namespace CertPortal.Data;

/// <summary>
/// Settings plus write-only secrets, as DNS providers and targets keep them: settings as JSON, secrets as one JSON
/// object sealed by the <see cref="SecretProtector"/>, shown back only as <c>"set"</c>.
/// </summary>
public sealed class SealedSettings(SecretProtector protector)
{
    /// <summary>Settings without the nulls a form or script sends for empty fields.</summary>
    public static Dictionary<string, JsonElement> Clean(Dictionary<string, JsonElement>? settings) =>
        (settings ?? []).Where(s => s.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)).ToDictionary(s => s.Key, s => s.Value.Clone());

    /// <summary>Stored secrets with the given ones laid over; an empty given value keeps the stored one (write-only).</summary>
    public static Dictionary<string, string> Merge(Dictionary<string, string>? stored, IReadOnlyDictionary<string, string?>? given)
    {
        var merged = new Dictionary<string, string>(stored ?? []);
        foreach (var (key, value) in given ?? new Dictionary<string, string?>())
            if (!string.IsNullOrEmpty(value))
                merged[key] = value;
        return merged;
    }

    /// <summary>Settings as connectors read them: strings, lists joined with commas.</summary>
    public static Dictionary<string, string?> Flatten(IReadOnlyDictionary<string, JsonElement> settings) =>
        settings.ToDictionary(s => s.Key, s => (string?)Text(s.Value));

    /// <summary>One setting as text: a string as it is, true/false/numbers as JSON writes them, a list joined with commas.</summary>
    public static string Text(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? string.Join(",", value.EnumerateArray().Select(e => e.ToString())) : value.ToString();

    /// <summary>Adds "X is required." for each required field that has no value (secrets may already be stored).</summary>
    public static void CheckRequired(Validation check, IEnumerable<(string Name, string Label, bool Secret)> required,
        IReadOnlyDictionary<string, JsonElement>? settings, IReadOnlyDictionary<string, string?>? secrets)
    {
        foreach (var (name, label, secret) in required)
        {
            var present = secret
                ? !string.IsNullOrWhiteSpace(secrets?.GetValueOrDefault(name))
                : settings?.GetValueOrDefault(name) is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } v && v.ToString().Trim().Length > 0;
            if (!present)
                check.Add(secret ? $"secrets.{name}" : $"settings.{name}", $"{label} is required.");
        }
    }

    public string? Seal(Dictionary<string, string> secrets) => secrets.Count == 0 ? null : protector.Protect(JsonSerializer.Serialize(secrets));

    /// <summary>Stores cleaned settings and the given secrets sealed, replacing what <paramref name="owner"/> held.</summary>
    public void Store(ISettingsWithSecrets owner, Dictionary<string, JsonElement>? settings, Dictionary<string, string> secrets) =>
        (owner.Settings, owner.SealedSecrets) = (Clean(settings), Seal(secrets));

    /// <summary>
    /// The secrets an edit keeps: a changed endpoint (or type) must not receive the stored ones; they are dropped and
    /// must come again. <paramref name="givenType"/> is the type the edit asks for, <paramref name="knownType"/> the
    /// same as the catalogue names it (null when it knows no such type); <paramref name="specs"/> are that type's
    /// settings, or the stored type's.
    /// </summary>
    public SecretsAfterEdit AfterEdit(ISettingsWithSecrets stored, string? givenType, string? knownType, IReadOnlyCollection<SettingSpec> specs,
        IReadOnlyDictionary<string, JsonElement>? settings, IReadOnlyDictionary<string, string?>? secrets)
    {
        var moved = SettingRules.ChangedEndpoints(specs, stored.Settings, settings).ToList();
        if (!string.Equals(knownType ?? givenType, stored.Type, StringComparison.Ordinal))
            moved.Insert(0, new EndpointChange("type", stored.Type, givenType ?? ""));
        var check = new Validation();
        var merged = SettingRules.SecretsToKeep(check, moved, specs, Unseal(stored.SealedSecrets), secrets);
        return new SecretsAfterEdit(moved, merged, check);
    }

    public Dictionary<string, string> Unseal(string? sealedSecrets) =>
        sealedSecrets is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(protector.Unprotect(sealedSecrets)) ?? [];

    /// <summary>The unsealed secrets as providers and connectors read them.</summary>
    public Dictionary<string, string?> Unsealed(ISettingsWithSecrets owner) => Unseal(owner.SealedSecrets).ToDictionary(s => s.Key, s => (string?)s.Value);

    /// <summary>What responses show of the secrets: their names, each "set".</summary>
    public Dictionary<string, string> Shown(string? sealedSecrets) => Unseal(sealedSecrets).Keys.ToDictionary(k => k, _ => "set");
}
