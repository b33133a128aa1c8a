using CertPortal.Api;
using CertPortal.Common;
using CertPortal.Security;

namespace CertPortal.Features.Audit;

/// <summary>GET /api/v1/audit?user=&amp;entityType=&amp;entityId=&amp;action=&amp;from=&amp;to=&amp;customerId=&amp;page=&amp;pageSize=</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("audit");
        group.MapGet("", async (string? user, string? entityType, string? entityId, string? action, DateTime? from, DateTime? to,
                Guid? customerId, int? page, int? pageSize, AuditQuery query, ActorAccessor actors, CancellationToken ct) =>
            {
                var filter = new AuditFilter(user, entityType, entityId, action, from?.ToUniversalTime(), to?.ToUniversalTime(), customerId);
                return TypedResults.Ok(await query.SearchAsync(filter, Paging.From(page, pageSize), await actors.GetAsync(), ct));
            })
            .RequireAuthorization(AuditPermissions.View)
            .WithName("ListAuditEntries");
    }
}
