using CertPortal.Features.Certificates;
using CertPortal.Features.Customers;
using CertPortal.Features.Dashboard.Attention;
using CertPortal.Features.Deployments;
using CertPortal.Features.Deployments.Runs;

namespace CertPortal.Features.Notifications.Detection;

/// <summary>
/// Words the alerts: a title that names the object (mail subjects add the customer), a detail that says what
/// happened and what the portal does next, and a link to the page where it is fixed.
/// </summary>
public sealed class AlertComposer(PortalLinks links, ICustomerDirectory customers, TimeProvider clock)
{
    public AlertEvent Expiring(AttentionItem item, int thresholdDays)
    {
        var expiresAt = item.ExpiresAt!.Value;
        // The worklist titles a failed certificate by its failure; the alert is about its end.
        var title = item.Kind == AttentionKinds.CertificateFailed ? $"{item.Title}, and it expires in {Span(expiresAt - Now)}" : item.Title;
        return Build(AlertKinds.CertificateExpiring, CustomerOf(item), NameOf(item), item.ObjectType, item.ObjectId, title,
            $"{item.Detail} Valid until {expiresAt:yyyy-MM-dd HH:mm} UTC ({thresholdDays}-day warning{ScaledTo(thresholdDays, item.ExpiryScale)}).".TrimStart(), item.Url);
    }

    // A short-lived certificate gets its thresholds in proportion to its lifetime: say what the warning meant for it.
    private static string ScaledTo(int thresholdDays, double scale) =>
        scale >= 1 ? "" : $", which for its lifetime of {Math.Round(ExpiryScale.Reference.TotalDays * scale):0} days comes at {Span(TimeSpan.FromDays(thresholdDays * scale))} left";

    public AlertEvent Waiting(AttentionItem item, int waitingHours) =>
        Build(AlertKinds.DeploymentWaiting, CustomerOf(item), NameOf(item), item.ObjectType, item.ObjectId,
            $"{item.Title} for {Span(Now - item.Since)}",
            $"{item.Detail} It has waited since {item.Since:yyyy-MM-dd HH:mm} UTC, longer than the {waitingHours} hours allowed.".TrimStart(), item.Url);

    // A shared object (a CA of no customer) is listed under Guid.Empty; its alerts go to the global recipients only.
    private static Guid? CustomerOf(AttentionItem item) => item.CustomerId == Guid.Empty ? null : item.CustomerId;

    private static string? NameOf(AttentionItem item) => item.CustomerId == Guid.Empty ? null : item.CustomerName;

    public async Task<AlertEvent> IssuanceFailedAsync(CertificateIssuanceFailed failed, CancellationToken ct) =>
        Build(AlertKinds.CertificateRenewalFailed, failed.CustomerId, await CustomerNameAsync(failed.CustomerId, ct), "certificate", failed.CertificateId,
            $"{(failed.IsRenewal ? "Renewal" : "Issuance")} of {failed.CommonName} failed",
            $"{failed.Reason} {(failed.WillRetry ? "The portal tries again by itself after a pause." : "Nothing tries again by itself: renew it on its page once the cause is fixed.")}",
            $"certificates/{failed.CertificateId}");

    public async Task<AlertEvent> RecoveredAsync(CertificateView certificate, CancellationToken ct) =>
        Build(AlertKinds.CertificateRecovered, certificate.CustomerId, await CustomerNameAsync(certificate.CustomerId, ct), "certificate", certificate.Id,
            $"{certificate.CommonName} is valid again",
            $"Version {certificate.CurrentVersion} was issued after the earlier failure; valid until {certificate.NotAfter:yyyy-MM-dd HH:mm} UTC.",
            $"certificates/{certificate.Id}");

    public async Task<AlertEvent> UnreachableAsync(UnreachablePeer peer, string name, Guid? customerId, CertificateIssuanceFailed failed, CancellationToken ct)
    {
        var (what, page) = peer.Type == UnreachablePeer.DnsProvider ? ("DNS provider", "dns-providers") : ("ACME account", "acme-accounts");
        return Build(AlertKinds.ProviderUnreachable, customerId, customerId is { } id ? await CustomerNameAsync(id, ct) : null, peer.Type, peer.Id,
            $"{what} {name} is unreachable",
            $"The order for {failed.CommonName} could not reach it: {failed.Reason} Orders through it fail until it answers again.", page);
    }

    public async Task<AlertEvent> RunEndedAsync(string kind, DeploymentRunFinished run, string commonName, string targetName, CancellationToken ct) =>
        Build(kind, run.CustomerId, await CustomerNameAsync(run.CustomerId, ct), "deployment", run.DeploymentId,
            kind == AlertKinds.DeploymentRolledBack
                ? $"Deployment of {commonName} to {targetName} was rolled back"
                : $"Deployment of {commonName} to {targetName} failed",
            run.Failure is { } failed && failed.Message != run.Message
                ? $"Version {run.Version} failed at {failed.Name}: {failed.Message} {run.Message}"
                : $"Version {run.Version} failed at {run.Step}: {run.Message}",
            $"deployments/{run.DeploymentId}/runs/{run.RunId}");

    public async Task<AlertEvent> MismatchAsync(ServedCheck check, CancellationToken ct) =>
        Build(AlertKinds.EndpointMismatch, check.CustomerId, await CustomerNameAsync(check.CustomerId, ct), "deployment", check.DeploymentId,
            $"{check.Endpoint} does not serve the deployed {check.CommonName}",
            $"It serves {Short(check.Served)}, not version {check.VerifiedVersion} ({Short(check.Expected)}) that was verified on {check.TargetName}. " +
            "Someone may have replaced it by hand, or a device restored an old configuration; run the deployment again.",
            $"deployments/{check.DeploymentId}");

    private AlertEvent Build(string kind, Guid? customerId, string? customerName, string objectType, Guid objectId, string title, string detail, string path) =>
        new(Guid.NewGuid(), kind, Now, customerId, customerName, objectType, objectId, title, detail, links.To(path));

    private async Task<string?> CustomerNameAsync(Guid id, CancellationToken ct) => (await customers.FindAsync(id, ct))?.Name;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string Short(string? thumbprint) => thumbprint is null ? "nothing" : thumbprint[..Math.Min(16, thumbprint.Length)] + "…";

    /// <summary>"12 days", "30 hours", "40 minutes": whole units, never rounded up (a warning must not promise more time).</summary>
    public static string Span(TimeSpan span) =>
        span.TotalDays >= 2 ? $"{(int)span.TotalDays} days"
        : span.TotalHours >= 2 ? $"{(int)span.TotalHours} hours"
        : $"{Math.Max(0, (int)span.TotalMinutes)} minutes";
}
