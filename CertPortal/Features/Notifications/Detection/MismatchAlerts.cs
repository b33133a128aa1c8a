using CertPortal.Features.Deployments;

namespace CertPortal.Features.Notifications.Detection;

/// <summary>
/// An endpoint serving something other than what was verified there: once until it serves the verified certificate
/// again (or a later run verifies). Endpoints that do not answer raise nothing here.
/// </summary>
public sealed class MismatchAlerts(IServedCertificateCheck check, AlertLedger ledger, AlertComposer compose, ILogger<MismatchAlerts> logger)
{
    public async Task RaiseAsync(Guid? customerId, AlertTally tally, CancellationToken ct)
    {
        var looked = await check.CheckDueAsync(customerId, ct);
        var matching = looked.Where(c => c.Matches).Select(c => AlertKeys.Mismatch(c.DeploymentId)).ToList();
        if (matching.Count > 0)
            await ledger.ResolveAsync(matching, null, ct);
        foreach (var mismatch in looked.Where(c => !c.Matches))
        {
            try
            {
                tally.Add(await ledger.OpenAsync(AlertKeys.Mismatch(mismatch.DeploymentId), await compose.MismatchAsync(mismatch, ct), ct));
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not raise the mismatch alert of deployment {DeploymentId} (CustomerId {CustomerId}, TargetId {TargetId})",
                    mismatch.DeploymentId, mismatch.CustomerId, mismatch.TargetId);
            }
        }
    }
}
