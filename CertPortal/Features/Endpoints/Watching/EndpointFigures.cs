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
        var endpoints = db.Set<WatchedEndpoint>().VisibleTo(actor).AsNoTracking();
        var watched = await endpoints.CountAsync(ct);
        var unknown = await endpoints.CountAsync(e => e.ThumbprintSha256 != null && e.KnownCertificateId == null, ct);
        // Counted in the database but for the expiring, which only the problem lists of the troubled endpoints tell.
        var problems = await endpoints.Where(e => e.Problems != WatchedEndpoint.NoProblems).Select(e => e.Problems).ToListAsync(ct);
        return new EndpointCounts(watched, problems.Count, unknown, problems.Count(p => p.Contains(EndpointProblems.Expiring)));
    }
}

/// <summary>Watched endpoints, those with a problem, those serving a certificate the portal does not track, and those expiring.</summary>
public sealed record EndpointCounts(int Watched, int WithProblems, int Unknown, int Expiring);
