namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// One value added to or removed from a TXT set that a vendor stores whole (Route 53, Azure DNS): the values the set
/// should hold afterwards, or null when it already is as wanted and nothing need be sent.
/// </summary>
public static class TxtSetEdit
{
    public static Func<IReadOnlyList<string>, IReadOnlyList<string>?> Adding(string value) =>
        values => values.Contains(value) ? null : [.. values, value];

    public static Func<IReadOnlyList<string>, IReadOnlyList<string>?> Removing(string value) =>
        values => values.Contains(value) ? values.Where(v => v != value).ToList() : null;
}
