using CertPortal.Api;
using CertPortal.Common;
using CertPortal.Features.Dashboard.Attention;
using CertPortal.Security;

namespace CertPortal.Features.Dashboard;

/// <summary>/api/v1/attention and /api/v1/dashboard: thin — bind, authorize, call the slice's services.</summary>
public static class DashboardEndpoints
{
    public static void MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapApiV1("attention").MapGet("", async (Guid? customerId, int? page, int? pageSize, AttentionList attention, ActorAccessor actors, CancellationToken ct) =>
                TypedResults.Ok(await attention.PageAsync(await actors.GetAsync(), customerId, Paging.From(page, pageSize), ct)))
            .RequireAuthorization(DashboardPermissions.View).WithName("ListAttention");

        app.MapApiV1("dashboard").MapGet("", async (Guid? customerId, DashboardService dashboard, ActorAccessor actors, CancellationToken ct) =>
                TypedResults.Ok(await dashboard.GetAsync(await actors.GetAsync(), customerId, ct)))
            .RequireAuthorization(DashboardPermissions.View).WithName("GetDashboard");
    }
}
