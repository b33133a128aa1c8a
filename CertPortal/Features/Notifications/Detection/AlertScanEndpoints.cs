using CertPortal.Api;
using CertPortal.Features.Audit;
using CertPortal.Security;

namespace CertPortal.Features.Notifications.Detection;

/// <summary>POST /api/v1/notifications/check: runs the alert scan now and answers what it sent.</summary>
public static class AlertScanEndpoints
{
    public static void MapAlertScanEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapApiV1("notifications").MapPost("/check", async (AlertScan scan, AuditLog audit, ActorAccessor actors, CancellationToken ct) =>
            {
                var actor = await actors.GetAsync();
                var result = await scan.RunAsync(actor, ct);
                await audit.RecordAsync("notifications.check", "Notification", null,
                    $"Alert scan run by hand: {result.Alerts} alert(s), {result.Sent} send(s).", customerId: actor.SingleCustomer, ct: ct);
                return TypedResults.Ok(result);
            })
            .RequireAuthorization(AlertScanPermissions.Check).WithName("CheckNotifications");
    }
}
