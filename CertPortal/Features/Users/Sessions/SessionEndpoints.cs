namespace CertPortal.Features.Users.Sessions;

internal static class SessionEndpoints
{
    public const string KeepAlivePath = "/Account/KeepAlive";

    /// <summary>GET /Account/KeepAlive: nothing but a signed-in request, so the sliding cookie renews while someone works in a circuit.</summary>
    public static void MapSessionEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet(KeepAlivePath, () => TypedResults.NoContent()).RequireAuthorization().ExcludeFromDescription();
}
