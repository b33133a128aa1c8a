using CertPortal.Api;
using CertPortal.Common;
using CertPortal.Security;

namespace CertPortal.Features.Notifications.Channels;

/// <summary>/api/v1/notification-channels (admin): thin — bind, authorize, call <see cref="ChannelService"/>, map the result.</summary>
public static class ChannelEndpoints
{
    public static void MapChannelEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("notification-channels").RequireAuthorization(NotificationPermissions.ManageChannels);

        group.MapGet("", async (string? sort, string? order, int? page, int? pageSize, ChannelService channels, ActorAccessor actors, CancellationToken ct) =>
                await ListSort.Parse(sort, order, ChannelSort.All, ChannelSort.Default).ToHttpAsync(async sorting =>
                    TypedResults.Ok(await channels.ListAsync(Paging.From(page, pageSize), await actors.GetAsync(), ct, sorting))))
            .WithName("ListNotificationChannels");

        group.MapGet("/{id:guid}", async (Guid id, ChannelService channels, ActorAccessor actors, CancellationToken ct) =>
                (await channels.GetAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .WithName("GetNotificationChannel");

        group.MapPost("", async (ChannelInput input, ChannelService channels, ActorAccessor actors, CancellationToken ct) =>
                (await channels.CreateAsync(input, await actors.GetAsync(), ct)).ToHttp(c => TypedResults.Created($"/api/v1/notification-channels/{c.Id}", c)))
            .WithName("CreateNotificationChannel");

        group.MapPut("/{id:guid}", async (Guid id, ChannelInput input, ChannelService channels, ActorAccessor actors, CancellationToken ct) =>
                (await channels.UpdateAsync(id, input, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .WithName("UpdateNotificationChannel");

        group.MapDelete("/{id:guid}", async (Guid id, ChannelService channels, ActorAccessor actors, CancellationToken ct) =>
                (await channels.DeleteAsync(id, await actors.GetAsync(), ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("DeleteNotificationChannel");

        group.MapPost("/{id:guid}/test", async (Guid id, ChannelService channels, ActorAccessor actors, CancellationToken ct) =>
                (await channels.TestAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .WithName("TestNotificationChannel");
    }
}
