namespace CertPortal.Components;

/// <summary>
/// A part one slice adds to another slice's page: which component, where among the page's other sections, and the
/// policy the user must hold to see it. The page renders what is registered and names no slice of its own accord.
/// </summary>
public sealed record PageSection(string Page, Type Component, int Order, string Policy);
