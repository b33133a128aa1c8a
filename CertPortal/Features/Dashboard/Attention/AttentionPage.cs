namespace CertPortal.Features.Dashboard.Attention;

/// <summary>One page of the worklist (the README's API section <c>{items, total}</c>) and how many of all its items are critical.</summary>
public sealed record AttentionPage(IReadOnlyList<AttentionItem> Items, int Total, int Critical);
