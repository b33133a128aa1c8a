namespace CertPortal.Common;

/// <summary>
/// How a refused delete names what still depends on the object: "certificates www.contoso.com, vpn.contoso.com and
/// 3 more", so the person knows where to go without a second search.
/// </summary>
public static class DependentNames
{
    /// <summary>How many names a message lists before it says "and N more".</summary>
    public const int Shown = 5;

    public static string? Describe(string singular, string plural, IReadOnlyList<string> firstNames, int total)
    {
        if (total == 0)
            return null;
        var named = string.Join(", ", firstNames.Take(Shown));
        var rest = total - Math.Min(firstNames.Count, Shown);
        return $"{(total == 1 ? singular : plural)} {named}{(rest > 0 ? $" and {rest} more" : "")}";
    }
}
