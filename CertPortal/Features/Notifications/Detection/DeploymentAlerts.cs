using CertPortal.Features.Certificates;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Features.Targets;

namespace CertPortal.Features.Notifications.Detection;

/// <summary>
/// Alerts from deployment runs as they end: failed (after its retries) and rolled back, each once per binding until a
/// later run verifies (or, on a target with nothing to verify, succeeds). Never throws into the run.
/// </summary>
public sealed class DeploymentAlerts(
    AlertLedger ledger,
    AlertComposer compose,
    ICertificateVersions certificates,
    ITargetAccess targets,
    ILogger<DeploymentAlerts> logger) : IDeploymentRunListener
{
    public async Task OnFinishedAsync(DeploymentRunFinished run, CancellationToken ct)
    {
        try
        {
            // Whatever the outcome, the run no longer waits for a person.
            await ledger.ResolveAsync([AlertKeys.Waiting(run.DeploymentId)], null, ct);
            switch (run.Status)
            {
                case RunStatus.Verified or RunStatus.Succeeded:
                    await ledger.ResolveAsync([AlertKeys.DeploymentFailed(run.DeploymentId), AlertKeys.RolledBack(run.DeploymentId), AlertKeys.Mismatch(run.DeploymentId)], null, ct);
                    break;
                case RunStatus.Failed:
                    await OpenAsync(AlertKinds.DeploymentFailed, AlertKeys.DeploymentFailed(run.DeploymentId), run, ct);
                    break;
                case RunStatus.RolledBack:
                    await OpenAsync(AlertKinds.DeploymentRolledBack, AlertKeys.RolledBack(run.DeploymentId), run, ct);
                    break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not raise the alert for deployment run {RunId} (CustomerId {CustomerId}, CertificateId {CertificateId}, TargetId {TargetId}, DeploymentId {DeploymentId})",
                run.RunId, run.CustomerId, run.CertificateId, run.TargetId, run.DeploymentId);
        }
    }

    private async Task OpenAsync(string kind, string key, DeploymentRunFinished run, CancellationToken ct)
    {
        var certificate = (await certificates.HeadlinesAsync([run.CertificateId], ct)).GetValueOrDefault(run.CertificateId)?.CommonName ?? "a certificate";
        var target = (await targets.HeadlinesAsync([run.TargetId], ct)).GetValueOrDefault(run.TargetId)?.Name ?? "a removed target";
        await ledger.OpenAsync(key, await compose.RunEndedAsync(kind, run, certificate, target, ct), ct);
    }
}
