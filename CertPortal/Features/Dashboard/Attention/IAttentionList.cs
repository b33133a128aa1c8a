using CertPortal.Security;

namespace CertPortal.Features.Dashboard.Attention;

/// <summary>The worklist across every slice, most urgent first, limited to what <c>actor</c> may see.</summary>
public interface IAttentionList
{
    Task<IReadOnlyList<AttentionItem>> AllAsync(Actor actor, Guid? customerId, CancellationToken ct);
}
