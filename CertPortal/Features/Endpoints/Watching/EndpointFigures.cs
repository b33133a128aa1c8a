using CertPortal.Data;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Endpoints.Watching;

/// <summary>The dashboard's figures of watched endpoints, for those the actor may see.</summary>
public sealed class EndpointFigures(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<EndpointCounts> CountAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Set<WatchedEndpoint>().VisibleTo(actor).AsNoTracking().Select(e => new { e.Problems, e.KnownCertificateId, e.ThumbprintSha256 }).ToListAsync(ct);
        return new EndpointCounts(rows.Count, rows.Count(r => r.Problems.Count > 0), rows.Count(r => r.ThumbprintSha256 != null && r.KnownCertificateId == null),
            rows.Count(r => r.Problems.Contains(EndpointProblems.Expiring)));
    }
}

/// <summary>Watched endpoints, those with a problem, those serving a certificate the portal does not track, and those expiring.</summary>
public sealed record EndpointCounts(int Watched, int WithProblems, int Unknown, int Expiring);
