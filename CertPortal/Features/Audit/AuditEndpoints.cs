using CertPortal.Api;
using CertPortal.Common;
using CertPortal.Security;

namespace CertPortal.Features.Audit;

/// <summary>GET /api/v1/audit?user=&amp;entityType=&amp;entityId=&amp;action=&amp;from=&amp;to=&amp;customerId=&amp;sort=&amp;order=&amp;page=&amp;pageSize=; each entry with entityName and entityUrl where its type names its objects.</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("audit");
        group.MapGet("", async (string? user, string? entityType, string? entityId, string? action, DateTime? from, DateTime? to,
                Guid? customerId, string? sort, string? order, int? page, int? pageSize, AuditQuery query, ActorAccessor actors, CancellationToken ct) =>
            {
                var sorting = ListSort.Parse(sort, order, AuditSort.All, AuditSort.Default);
                if (!sorting.IsOk)
                    return sorting.ToHttp(_ => TypedResults.Ok());
                var filter = new AuditFilter(user, entityType, entityId, action, from?.ToUniversalTime(), to?.ToUniversalTime(), customerId, sorting.Value);
                return (IResult)TypedResults.Ok(await query.SearchAsync(filter, Paging.From(page, pageSize), await actors.GetAsync(), ct));
            })
            .RequireAuthorization(AuditPermissions.View)
            .WithName("ListAuditEntries");
    }
}
