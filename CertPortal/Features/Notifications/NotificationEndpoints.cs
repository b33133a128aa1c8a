using CertPortal.Api;
using CertPortal.Common;
using CertPortal.Security;

namespace CertPortal.Features.Notifications;

/// <summary>/api/v1/notifications: the send log and resending; thin — bind, authorize, call <see cref="NotificationLog"/>, map the result.</summary>
public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("notifications");

        group.MapGet("", async (Guid? customerId, string? outcome, string? kind, string? sort, string? order, int? page, int? pageSize, NotificationLog log,
                ActorAccessor actors, CancellationToken ct) =>
            {
                var sorting = ListSort.Parse(sort, order, NotificationSort.All, NotificationSort.Default);
                return sorting.IsOk
                    ? (await log.ListAsync(new NotificationFilter(customerId, outcome, kind, sorting.Value), Paging.From(page, pageSize), await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok)
                    : sorting.ToHttp(_ => TypedResults.Ok());
            })
            .RequireAuthorization(NotificationPermissions.View).WithName("ListNotifications");

        group.MapGet("/{id:guid}", async (Guid id, NotificationLog log, ActorAccessor actors, CancellationToken ct) =>
                (await log.GetAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(NotificationPermissions.View).WithName("GetNotification");

        group.MapPost("/{id:guid}/resend", async (Guid id, NotificationLog log, ActorAccessor actors, CancellationToken ct) =>
                (await log.ResendAsync(id, await actors.GetAsync(), ct)).ToHttp(n => TypedResults.Accepted($"/api/v1/notifications/{n.Id}", n)))
            .RequireAuthorization(NotificationPermissions.Resend).WithName("ResendNotification");
    }
}
