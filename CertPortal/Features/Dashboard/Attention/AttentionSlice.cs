namespace CertPortal.Features.Dashboard.Attention;

/// <summary>A source's most urgent items, most urgent first, and how many items (and critical ones) it has in all.</summary>
public sealed record AttentionSlice(IReadOnlyList<AttentionItem> Top, int Total, int Critical)
{
    /// <summary>The slice of a source that built all its items.</summary>
    public static AttentionSlice Of(IReadOnlyCollection<AttentionItem> all, int limit) =>
        new(all.Order(MostUrgentFirst.Instance).Take(limit).ToList(), all.Count, all.Count(i => i.Severity == AttentionKinds.Critical));
}
