namespace CertPortal.Features.Dashboard.Attention;

/// <summary>
/// What one slice contributes to the worklist: its own objects that need a person, at most one item per object.
/// Implemented inside each slice and registered in its module; <see cref="AttentionList"/> merges them.
/// </summary>
public interface IAttentionSource
{
    /// <summary>Items within <paramref name="scope"/>; customer names and the order are the list's business.</summary>
    Task<IReadOnlyList<AttentionItem>> ListAsync(AttentionScope scope, CancellationToken ct);
}
