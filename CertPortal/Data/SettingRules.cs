using System.Globalization;
using System.Net;
using System.Text.Json;
using CertPortal.Common;

namespace CertPortal.Data;

/// <summary>
/// Checks every provider and target type shares: only declared, non-secret keys in settings; ports and API URLs
/// that can be used; and which endpoint settings an update changes, since those must not keep the stored secrets.
/// </summary>
public static class SettingRules
{
    /// <summary>
    /// All checks of a type's settings and secrets: required ones present, only declared keys, values that can be
    /// used. <paramref name="specs"/> is null for a type that does not exist (an error of its own).
    /// </summary>
    public static void Check(Validation check, IReadOnlyCollection<SettingSpec>? specs, IReadOnlyDictionary<string, JsonElement>? settings,
        IReadOnlyDictionary<string, string?>? secrets)
    {
        if (specs is null)
            return;
        SealedSettings.CheckRequired(check, specs.Where(s => s.Required).Select(s => (s.Name, s.Label, s.Secret)), settings, secrets);
        CheckKeys(check, specs, settings);
        CheckValues(check, specs, settings);
    }

    /// <summary>Adds an error for each key that the type does not declare, or declares as a secret (it would be stored in clear).</summary>
    public static void CheckKeys(Validation check, IReadOnlyCollection<SettingSpec> specs, IReadOnlyDictionary<string, JsonElement>? settings)
    {
        foreach (var key in (settings ?? new Dictionary<string, JsonElement>()).Keys)
        {
            var spec = specs.FirstOrDefault(s => string.Equals(s.Name, key, StringComparison.OrdinalIgnoreCase));
            if (spec is { Secret: true })
                check.Add($"settings.{key}", $"'{key}' is a secret of this type: send it in secrets, where it is sealed, not in settings.");
            else if (spec is null || spec.Name != key)
                check.Add($"settings.{key}", $"This type has no setting '{Shorten(key)}'" + (spec is null ? "." : $"; did you mean '{spec.Name}'?"));
        }
    }

    /// <summary>Adds an error for a value outside a fixed set, a port outside 1-65535, and an API URL that is not absolute https (http only on loopback).</summary>
    public static void CheckValues(Validation check, IEnumerable<SettingSpec> specs, IReadOnlyDictionary<string, JsonElement>? settings)
    {
        foreach (var spec in specs)
        {
            if (Value(settings, spec.Name) is not { Length: > 0 } text)
                continue;
            var field = $"settings.{spec.Name}";
            if (spec.Choices is { } choices && !choices.Contains(text, StringComparer.OrdinalIgnoreCase))
                check.Add(field, $"{spec.Label} must be {string.Join(" or ", choices)}, not '{Shorten(text)}'.");
            else if (spec.Kind is SettingKind.Port or SettingKind.EndpointPort
                && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535))
                check.Add(field, $"{spec.Label} must be a port from 1 to 65535.");
            else if (spec.Kind == SettingKind.EndpointUrl && UrlProblem(text) is { } problem)
                check.Add(field, $"{spec.Label} {problem}");
        }
    }

    /// <summary>Why an API URL cannot be used, or null: it must be absolute https, http only to a loopback address.</summary>
    public static string? UrlProblem(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
            return "must be an absolute https:// URL.";
        if (uri.UserInfo.Length > 0)
            return "must not hold a user name or password: those go in the secrets.";
        if (uri.Scheme == "http" && !IsLoopback(uri.Host))
            return "must use https:// (http:// only to this machine: localhost, 127.0.0.0/8 or ::1), because secrets travel to it.";
        return null;
    }

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>The endpoint settings whose value differs between the stored and the given settings, with both values.</summary>
    public static IReadOnlyList<EndpointChange> ChangedEndpoints(IEnumerable<SettingSpec> specs,
        IReadOnlyDictionary<string, JsonElement> before, IReadOnlyDictionary<string, JsonElement>? after) =>
        specs.Where(s => s.IsEndpoint)
            .Select(s => new EndpointChange(s.Name, Value(before, s.Name) ?? "", Value(after, s.Name) ?? ""))
            .Where(c => c.Before != c.After)
            .ToList();

    /// <summary>
    /// The secrets an update stores: the stored ones with the given ones laid over, unless an endpoint changed; then
    /// only the given ones, and each stored secret not given again is an error naming it.
    /// </summary>
    public static Dictionary<string, string> SecretsToKeep(Validation check, IReadOnlyList<EndpointChange> changes, IEnumerable<SettingSpec> specs,
        Dictionary<string, string> stored, IReadOnlyDictionary<string, string?>? given)
    {
        if (changes.Count == 0)
            return SealedSettings.Merge(stored, given);
        var changed = string.Join(", ", changes.Select(c => c.Name));
        foreach (var spec in specs.Where(s => s.Secret && stored.ContainsKey(s.Name) && string.IsNullOrEmpty(given?.GetValueOrDefault(s.Name))))
            check.Add($"secrets.{spec.Name}", $"{spec.Label} must be given again: {changed} changed, and stored secrets are never sent to a changed endpoint.");
        return SealedSettings.Merge(null, given);
    }

    private static string? Value(IReadOnlyDictionary<string, JsonElement>? settings, string name) =>
        settings?.GetValueOrDefault(name) is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } value ? SealedSettings.Text(value).Trim() : null;

    private static string Shorten(string key) => key.Length > 60 ? key[..60] + "…" : key;
}
