using CertPortal.Data;
using CertPortal.Features.Dashboard.Attention;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Endpoints.Watching;

/// <summary>
/// The watched endpoints' part of the worklist: one item per endpoint with a problem, named by its worst. Critical:
/// expired or ending within a week, changed unexpectedly, or a binding serving another version than deployed.
/// </summary>
internal sealed class EndpointAttention(IDbContextFactory<AppDbContext> dbFactory) : IAttentionSource
{
    public async Task<IReadOnlyList<AttentionItem>> ListAsync(AttentionScope scope, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Only the endpoints with a problem come back, however many are watched.
        var troubled = await db.Set<WatchedEndpoint>().VisibleTo(scope.Viewer).AsNoTracking()
            .Where(e => e.LastCheckedAt != null && e.Problems != WatchedEndpoint.NoProblems).ToListAsync(ct);
        return [.. troubled.Select(e => ToItem(e, scope))];
    }

    private static AttentionItem ToItem(WatchedEndpoint e, AttentionScope scope)
    {
        var worst = e.Problems[0];
        var critical = worst is EndpointProblems.Changed or EndpointProblems.NotDeployedVersion
                       || worst == EndpointProblems.Expiring && e.NotAfter is { } end && end <= scope.CriticalUntil;
        var address = e.ServerName is "" || e.ServerName == e.Host ? $"{e.Host}:{e.Port}" : $"{e.Host}:{e.Port} ({e.ServerName})";
        var detail = worst switch
        {
            EndpointProblems.Expiring when e.NotAfter is { } notAfter => $"The certificate it serves ({e.Subject}) {scope.Ends(notAfter)}.",
            EndpointProblems.Changed => $"It serves {e.Subject}, which no tracked certificate is, since {e.ChangedAt:yyyy-MM-dd HH:mm} UTC.",
            EndpointProblems.NotDeployedVersion => "It does not serve the version the portal deployed there.",
            EndpointProblems.Unreachable => e.LastError ?? "It did not answer.",
            _ => $"It serves {e.Subject}.",
        };
        var also = e.Problems.Count > 1 ? $" Also: {string.Join(", ", e.Problems.Skip(1).Select(EndpointProblems.Label))}." : "";
        return new AttentionItem($"endpoint.{worst}", critical ? AttentionKinds.Critical : AttentionKinds.Warning, e.CustomerId, "", "endpoint", e.Id,
            $"{address}: {EndpointProblems.Label(worst)}", detail + also, e.ChangedAt ?? e.LastCheckedAt!.Value, $"endpoints?customerId={e.CustomerId}",
            worst == EndpointProblems.Expiring ? e.NotAfter : null);
    }
}
