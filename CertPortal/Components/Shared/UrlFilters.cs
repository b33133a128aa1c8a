using Microsoft.AspNetCore.Components;

namespace CertPortal.Components.Shared;

/// <summary>
/// List pages keep their filters in the URL (so a filtered view can be shared and bookmarked): a change replaces the
/// current history entry with the same page under the new query; a null value removes its parameter.
/// </summary>
public static class UrlFilters
{
    public static void ReplaceQuery(this NavigationManager navigation, string name, object? value) =>
        navigation.ReplaceQuery(new Dictionary<string, object?> { [name] = value });

    public static void ReplaceQuery(this NavigationManager navigation, IReadOnlyDictionary<string, object?> values) =>
        navigation.NavigateTo(navigation.GetUriWithQueryParameters(values.ToDictionary(v => v.Key, v => Normalize(v.Value))), replace: true);

    // An empty search or a cleared select leaves the URL rather than staying as "q=".
    private static object? Normalize(object? value) => value is string text && string.IsNullOrWhiteSpace(text) ? null : value;
}
