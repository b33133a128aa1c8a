using CertPortal.Features.Customers;
using CertPortal.Features.Notifications;

namespace CertPortal.Features.Endpoints.Watching;

/// <summary>
/// Raises <c>endpoint.problem</c> when a look finds a problem the endpoint did not have (so each is told once, and again
/// only after it went away). A binding served the wrong version is left to the deployments' own <c>endpoint.mismatch</c>.
/// </summary>
public sealed class EndpointAlerts(IAlerts alerts, ICustomerDirectory customers, PortalLinks links, TimeProvider clock, ILogger<EndpointAlerts> logger)
{
    public async Task RaiseAsync(WatchedEndpoint endpoint, IReadOnlyList<string> added, CancellationToken ct)
    {
        var told = added.Where(p => p != EndpointProblems.NotDeployedVersion).ToList();
        if (told.Count == 0)
            return;
        var address = endpoint.ServerName is "" or null || endpoint.ServerName == endpoint.Host ? $"{endpoint.Host}:{endpoint.Port}" : $"{endpoint.Host}:{endpoint.Port} ({endpoint.ServerName})";
        var what = string.Join(", ", told.Select(EndpointProblems.Label));
        var detail = $"It serves {endpoint.Subject ?? "no certificate"}{(endpoint.NotAfter is { } end ? $", valid until {end:yyyy-MM-dd HH:mm} UTC" : "")}." +
                     (endpoint.LastError is { } error ? $" {error}" : "");
        try
        {
            var customer = await customers.FindAsync(endpoint.CustomerId, ct);
            await alerts.RaiseAsync(new AlertEvent(Guid.NewGuid(), AlertKinds.EndpointProblem, clock.GetUtcNow().UtcDateTime, endpoint.CustomerId, customer?.Name,
                "endpoint", endpoint.Id, $"{address}: {what}", detail, links.To($"endpoints?customerId={endpoint.CustomerId}")), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The look is recorded either way; the next problem is told again.
            logger.LogWarning(e, "Could not raise the alert of endpoint {EndpointId} (CustomerId {CustomerId})", endpoint.Id, endpoint.CustomerId);
        }
    }
}
