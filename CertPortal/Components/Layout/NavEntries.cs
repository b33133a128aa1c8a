namespace CertPortal.Components.Layout;

/// <summary>The menu entries the slices registered, in their order; the menu names no slice of its own accord.</summary>
public sealed class NavEntries(IEnumerable<NavEntry> entries)
{
    public IReadOnlyList<NavEntry> All { get; } = [.. entries.OrderBy(e => e.Order).ThenBy(e => e.Title, StringComparer.Ordinal)];
}
