namespace CertPortal.Features.Dashboard.Attention;

/// <summary>
/// The worklist's order: critical before warning, then what ends soonest (the expired first; something with an end
/// before something without one), then what has waited longest, then by title.
/// </summary>
public sealed class MostUrgentFirst : IComparer<AttentionItem>
{
    public static readonly MostUrgentFirst Instance = new();

    public int Compare(AttentionItem? x, AttentionItem? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return 1;
        if (y is null) return -1;
        var bySeverity = Rank(x.Severity).CompareTo(Rank(y.Severity));
        if (bySeverity != 0) return bySeverity;
        var byEnd = (x.ExpiresAt, y.ExpiresAt) switch
        {
            ({ } a, { } b) => a.CompareTo(b),
            (not null, null) => -1,
            (null, not null) => 1,
            _ => 0,
        };
        if (byEnd != 0) return byEnd;
        var bySince = x.Since.CompareTo(y.Since);
        return bySince != 0 ? bySince : string.Compare(x.Title, y.Title, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>0 for critical, 1 for warning: the first key, also in sources that order in the database.</summary>
    public static int Rank(string severity) => severity == AttentionKinds.Critical ? 0 : 1;
}
