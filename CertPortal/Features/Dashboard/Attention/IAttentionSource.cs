namespace CertPortal.Features.Dashboard.Attention;

/// <summary>
/// What one slice contributes to the worklist: its own objects that need a person, at most one item per object.
/// Implemented inside each slice and registered in its module; <see cref="AttentionList"/> merges them.
/// </summary>
public interface IAttentionSource
{
    /// <summary>Items within <paramref name="scope"/>; customer names and the order are the list's business.</summary>
    Task<IReadOnlyList<AttentionItem>> ListAsync(AttentionScope scope, CancellationToken ct);

    /// <summary>
    /// The <paramref name="limit"/> most urgent items (in <see cref="MostUrgentFirst"/> order) and how many there are
    /// in all. A source with thousands of items answers it in the database, so a page of the worklist does not build
    /// every line; the few-item sources keep this default.
    /// </summary>
    async Task<AttentionSlice> TopAsync(AttentionScope scope, int limit, CancellationToken ct) =>
        AttentionSlice.Of(await ListAsync(scope, ct), limit);
}
