namespace CertPortal.Components;

/// <summary>The sections the slices registered, by the page they go on, each page's in their order.</summary>
public sealed class PageSections(IEnumerable<PageSection> sections)
{
    private readonly ILookup<string, PageSection> _byPage = sections.OrderBy(s => s.Order).ToLookup(s => s.Page, StringComparer.Ordinal);

    public IReadOnlyList<PageSection> On(string page) => [.. _byPage[page]];
}
