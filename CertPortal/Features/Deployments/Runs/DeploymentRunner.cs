using CertPortal.Common.Runs;
using CertPortal.Data;
using CertPortal.Data.WorkQueue;
using CertPortal.Features.Audit;
using CertPortal.Features.Certificates;
using CertPortal.Features.Dashboard.Metrics;
using CertPortal.Features.Targets;
using CertPortal.Features.Targets.Connectors;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments.Runs;

/// <summary>
/// One run: connect → push (the connector logs upload/bind/commit/reload) → verify the served leaf's SHA-256. A
/// mismatch after a change puts the previous version back (rolled-back); a connector failure ends the run failed.
/// </summary>
public sealed class DeploymentRunner(
    IDbContextFactory<AppDbContext> dbFactory,
    ITargetAccess targets,
    ICertificateVersions versions,
    ServedCertificateProbe probe,
    DeploymentProgress progress,
    DeploymentRunEvents events,
    AuditLog audit,
    PortalMetrics metrics,
    HeldClaim claim,
    TimeProvider clock,
    ILogger<DeploymentRunner> logger)
{
    public const int MaxAttempts = 3;

    // A reload takes a moment before the new certificate is served; the check looks a few times before it decides.
    // The first re-check comes soon: nginx's new workers serve within milliseconds of the reload signal.
    private static readonly TimeSpan[] VerifyDelays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    public async Task RunAsync(Guid runId, CancellationToken ct)
    {
        using var asJob = ActorAccessor.RunAs(Actor.Job("DeploymentRunner"));
        var (run, deployment) = await LoadAsync(runId, ct);
        if (run is null || deployment is null || !RunStatus.IsOpen(run.Status) || run.AwaitingPerson || run.NotBefore > Now)
            return;
        var target = await targets.OpenAsync(deployment.TargetId, ct);
        if (!run.Forced && run.ConfirmedBy is null && target?.Settings.Optional("maintenanceWindow") is { } text && MaintenanceWindow.TryParse(text, out var window, out var _) && !window!.IsOpen(clock.GetUtcNow()))
        {
            if (run.Status != RunStatus.WaitingWindow)
                await UpdateAsync(runId, deployment.CertificateId, r =>
                {
                    r.Status = RunStatus.WaitingWindow;
                    r.AddStep("window", RunStep.Waiting, $"Outside the maintenance window ({text}); starts when it opens.", Now);
                }, ct);
            return;
        }
        // A manual run going on to verification after "done" is the same attempt, not a new one.
        var attempt = run.ConfirmedBy is not null && run.Steps.LastOrDefault() is { Name: "manual", Status: "done" } ? 0 : 1;
        await UpdateAsync(runId, deployment.CertificateId, r => (r.Status, r.StartedAt, r.Attempt) = (RunStatus.Running, Now, r.Attempt + attempt), ct);
        run.Attempt += attempt;

        var material = await versions.GetAsync(deployment.CertificateId, run.CertificateVersion, ct);
        if (target is null || material is null)
        {
            await FinishAsync(run, deployment, RunStatus.Failed, "connect", target is null ? "The target no longer exists." : $"Version {run.CertificateVersion} of the certificate no longer exists.", null, final: true);
            return;
        }
        var previous = deployment.VerifiedVersion is { } verified && verified != run.CertificateVersion ? await versions.GetAsync(deployment.CertificateId, verified, ct) : null;
        var connectorRun = new ConnectorRun(target.Settings, deployment.Options, Deployable(material), previous is null ? null : Deployable(previous),
            (name, message) => StepAsync(runId, deployment.CertificateId, name, "done", message));
        if (run.ConfirmedBy is null)
        {
            await StepAsync(runId, deployment.CertificateId, "start", "done", $"Version {run.CertificateVersion} to {target.Connector.Type} target '{target.Name}'.");
            try
            {
                // A run another instance took up while this one was paused is not pushed twice.
                await claim.EnsureHeldAsync(ct);
                await target.Connector.DeployAsync(connectorRun, ct);
            }
            catch (TargetException e)
            {
                if (!e.Undone)
                {
                    await FinishAsync(run, deployment, RunStatus.Failed, e.Step ?? "deploy",
                        e.Configuration ? $"{e.Message} Not retried: it fails the same way until the target is changed." : e.Message, null, final: e.Configuration);
                    return;
                }
                // The target was changed and the connector put it back: it serves what it did before this run.
                await StepAsync(runId, deployment.CertificateId, e.Step ?? "deploy", "failed", e.Message);
                await FinishAsync(run, deployment, RunStatus.RolledBack, "rollback", "The target was put back as it was before this run.", null);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A device answering something no connector expected must still end the run, not leave it running.
                logger.LogError(e, "Deployment run {RunId}: the {Type} connector failed unexpectedly", runId, target.Connector.Type);
                await FinishAsync(run, deployment, RunStatus.Failed, "deploy", $"Unexpected failure ({e.GetType().Name}): {e.Message}", null);
                return;
            }
            if (target.Connector.WaitsForPerson)
            {
                // The worker is not held for the days a person may take; "done" queues the run again for verification.
                await UpdateAsync(runId, deployment.CertificateId, r =>
                {
                    r.AwaitingPerson = true;
                    r.AddStep("manual", RunStep.Waiting, "Download the bundle, work through the checklist, then mark this run done.", Now);
                }, ct);
                return;
            }
        }

        if (target.Connector.EndpointToVerify(target.Settings, deployment.Options) is not { } endpoint)
        {
            await FinishAsync(run, deployment, RunStatus.Succeeded, "verify", "This target has no endpoint to check; the push itself succeeded.", null);
            return;
        }
        var served = await VerifyAsync(endpoint, material.ThumbprintSha256, ct);
        if (served.Matches)
        {
            if (await targets.RepinAsync(target.Id, endpoint, material.ThumbprintSha256, ct) is { } repinned)
                await StepAsync(runId, deployment.CertificateId, "repin", "done", repinned);
            await FinishAsync(run, deployment, RunStatus.Verified, "verify", $"{endpoint.Host}:{endpoint.Port} serves version {material.Version} ({material.ThumbprintSha256[..16]}…).", served.Thumbprint);
            return;
        }
        var mismatch = served.Thumbprint is null ? served.Error! : $"{endpoint.Host}:{endpoint.Port} serves {served.Thumbprint[..16]}…, not version {material.Version} ({material.ThumbprintSha256[..16]}…).";
        await StepAsync(runId, deployment.CertificateId, "verify", "failed", mismatch);
        if (previous is null)
        {
            await FinishAsync(run, deployment, RunStatus.Failed, "rollback", "No verified earlier version to put back.", served.Thumbprint);
            return;
        }
        try
        {
            await target.Connector.RollbackAsync(connectorRun, ct);
            await FinishAsync(run, deployment, RunStatus.RolledBack, "rollback", $"Version {previous.Version} put back.", served.Thumbprint);
        }
        catch (TargetException e)
        {
            await FinishAsync(run, deployment, RunStatus.Failed, "rollback", $"Putting version {previous.Version} back failed too: {e.Message}", served.Thumbprint);
        }
    }

    private async Task<(bool Matches, string? Thumbprint, string? Error)> VerifyAsync(VerificationEndpoint endpoint, string expected, CancellationToken ct)
    {
        (bool, string?, string?) last = (false, null, null);
        foreach (var delay in VerifyDelays)
        {
            await Task.Delay(delay, ct);
            try
            {
                var thumbprint = await probe.ServedThumbprintAsync(endpoint.Host, endpoint.Port, endpoint.Sni, ct);
                last = (thumbprint == expected, thumbprint, null);
                if (thumbprint == expected)
                    return last;
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                last = (false, null, $"The TLS handshake with {endpoint.Host}:{endpoint.Port} failed: {e.Message}");
            }
        }
        return last;
    }

    private static DeployableCertificate Deployable(CertificateMaterial m) =>
        new(m.CertificateId, m.Version, m.CommonName, m.Names, m.LeafPem, m.ChainPem, m.KeyPem, m.ThumbprintSha256, m.NotAfter);

    /// <param name="final">A configuration error (a setting, credential or host key a person must change): failed at once, not retried.</param>
    private async Task FinishAsync(DeploymentRun run, Deployment deployment, string status, string step, string message, string? served, bool final = false)
    {
        // The outcome is the instance's that holds the run now.
        await claim.EnsureHeldAsync(CancellationToken.None);
        if (status == RunStatus.Failed && run.Attempt < MaxAttempts && !final)
        {
            // Devices are often busy (a commit in progress, a session in use): try again later before calling it failed.
            var wait = TimeSpan.FromMinutes(run.Attempt == 1 ? 1 : 5 * (run.Attempt - 1));
            await UpdateAsync(run.Id, deployment.CertificateId, r =>
            {
                r.AddStep(step, RunStep.Failed, message, Now);
                r.AddStep("retry", RunStep.Waiting, $"Attempt {run.Attempt} of {MaxAttempts} failed; trying again after {Now + wait:HH:mm} UTC.", Now);
                (r.Status, r.NotBefore) = (RunStatus.Queued, Now + wait);
            }, CancellationToken.None);
            logger.LogWarning("Deployment run {RunId} failed at {Step} (attempt {Attempt} of {MaxAttempts}), tried again after {RetryAt:u}: {Reason} " +
                "(CustomerId {CustomerId}, CertificateId {CertificateId}, TargetId {TargetId}, DeploymentId {DeploymentId})",
                run.Id, step, run.Attempt, MaxAttempts, Now + wait, message, deployment.CustomerId, deployment.CertificateId, deployment.TargetId, deployment.Id);
            return;
        }
        // Counted before the run shows as ended, so whoever sees it ended sees it counted.
        metrics.DeploymentFinished(status);
        // The binding's verified version first: the run's last update tells open pages, which then read both.
        if (status == RunStatus.Verified)
            await using (var db = await dbFactory.CreateDbContextAsync())
                await db.Set<Deployment>().Where(d => d.Id == deployment.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.VerifiedVersion, run.CertificateVersion).SetProperty(d => d.ServedCheckedAt, Now));
        RunStep? failure = null;
        await UpdateAsync(run.Id, deployment.CertificateId, r =>
        {
            r.AddStep(step, status is RunStatus.Verified or RunStatus.Succeeded or RunStatus.RolledBack ? RunStep.Done : RunStep.Failed, message, Now);
            (r.Status, r.FinishedAt, r.ServedThumbprintSha256) = (status, Now, served);
            failure = status is RunStatus.Failed or RunStatus.RolledBack ? r.Steps.LastFailure() : null;
        }, CancellationToken.None);
        await audit.RecordAsync("deployment.run", "Deployment", deployment.Id.ToString(), $"Version {run.CertificateVersion}: {status}. {message}",
            status is RunStatus.Verified or RunStatus.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure, deployment.CustomerId, CancellationToken.None);
        if (status is RunStatus.Failed or RunStatus.RolledBack)
            logger.LogError("Deployment run {RunId} of version {Version} ended {Status} at {Step}: {Reason} " +
                "(CustomerId {CustomerId}, CertificateId {CertificateId}, TargetId {TargetId}, DeploymentId {DeploymentId})",
                run.Id, run.CertificateVersion, status, failure?.Name ?? step, failure is null || failure.Message == message ? message : $"{failure.Message} {message}",
                deployment.CustomerId, deployment.CertificateId, deployment.TargetId, deployment.Id);
        await events.PublishAsync(new DeploymentRunFinished(run.Id, deployment.Id, deployment.CustomerId, deployment.CertificateId, deployment.TargetId,
            run.CertificateVersion, status, step, message, failure), CancellationToken.None);
    }

    private Task StepAsync(Guid runId, Guid certificateId, string name, string status, string message) =>
        UpdateAsync(runId, certificateId, r => r.AddStep(name, status, message, Now), CancellationToken.None);

    private async Task UpdateAsync(Guid runId, Guid certificateId, Action<DeploymentRun> change, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var run = await db.Set<DeploymentRun>().SingleAsync(r => r.Id == runId, ct);
            change(run);
            db.Entry(run).Property(r => r.Steps).IsModified = true;
            await db.SaveChangesAsync(ct);
        }
        progress.Notify(certificateId);
    }

    private async Task<(DeploymentRun?, Deployment?)> LoadAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Set<DeploymentRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
        var deployment = run is null ? null : await db.Set<Deployment>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == run.DeploymentId, ct);
        return (run, deployment);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
