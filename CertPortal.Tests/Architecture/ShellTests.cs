using System.Text.RegularExpressions;
using CertPortal.Components.Layout;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Architecture;

/// <summary>
/// The layout names no slice: each slice registers its menu entries (<see cref="NavEntries"/>), so a slice is added or
/// removed without touching the shell.
/// </summary>
public sealed partial class ShellTests
{
    [Fact]
    public void The_layout_sources_name_no_slice()
    {
        var layout = Path.Combine(RepositoryRoot.Path, "CertPortal", "Components", "Layout");
        var files = Directory.EnumerateFiles(layout, "*.*").Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal));
        var offences = SourceMatches.Find(files, SliceReference());
        Assert.True(offences.Count == 0, "The layout names a slice:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_layout_types_use_no_type_of_a_slice()
    {
        var offences = CompiledTypeReferences.Find(typeof(Program).Assembly, "CertPortal.Components.Layout", "CertPortal.Features");
        Assert.True(offences.Count == 0, "The layout uses a slice:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Every_menu_entry_is_registered_once_with_an_address_of_its_own()
    {
        using var portal = new PortalFactory();
        var entries = portal.Service<NavEntries>().All;
        Assert.Equal(entries.Count, entries.Select(e => e.Href).Distinct().Count());
        Assert.Equal(entries.Count, entries.Select(e => e.Order).Distinct().Count());
        Assert.Contains(entries, e => e is { Title: "Certificates", Href: "certificates" });
    }

    [GeneratedRegex(@"\bFeatures\.\w+")]
    private static partial Regex SliceReference();
}
