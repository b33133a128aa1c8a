using System.Text.RegularExpressions;
using CertPortal.Common.Runs;
using CertPortal.Data;
using CertPortal.Data.WorkQueue;
using CertPortal.Features.Audit;
using CertPortal.Features.CertificateAuthorities.Trust;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Features.Targets;
using CertPortal.Features.Targets.Connectors;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments.Trust;

/// <summary>
/// One trust run: push the CA and its newest CRL (the connector logs connect/upload/import/commit/reload) → read back
/// what the device holds. A read-back that differs puts back what was there before, where the device allows it
/// (rolled-back). Retries and "fails the same until changed" as for certificate runs (<see cref="DeploymentRunner"/>).
/// </summary>
public sealed partial class TrustRunner(
    IDbContextFactory<AppDbContext> dbFactory,
    ITargetAccess targets,
    ICaTrustMaterial cas,
    TrustProgress progress,
    AuditLog audit,
    HeldClaim claim,
    TimeProvider clock,
    ILogger<TrustRunner> logger)
{
    /// <summary>Works the run if <paramref name="runId"/> is a trust run; false when it is not (a certificate run).</summary>
    public async Task<bool> TryRunAsync(Guid runId, CancellationToken ct)
    {
        using var asJob = ActorAccessor.RunAs(Actor.Job(nameof(TrustRunner)));
        var (run, binding) = await LoadAsync(runId, ct);
        if (run is null)
            return false;
        if (binding is null || !RunStatus.IsOpen(run.Status) || run.NotBefore > Now)
            return true;
        var target = await targets.OpenAsync(binding.TargetId, ct);
        if (!run.Forced && target?.Settings.Optional("maintenanceWindow") is { } text && MaintenanceWindow.TryParse(text, out var window, out _) && !window!.IsOpen(clock.GetUtcNow()))
        {
            if (run.Status != RunStatus.WaitingWindow)
                await UpdateAsync(run.Id, binding.Id, r =>
                {
                    r.Status = RunStatus.WaitingWindow;
                    r.AddStep("window", RunStep.Waiting, $"Outside the maintenance window ({text}); starts when it opens.", Now);
                }, ct);
            return true;
        }
        var material = await cas.GetAsync(binding.CaId, ct);
        await UpdateAsync(run.Id, binding.Id, r => (r.Status, r.StartedAt, r.Attempt, r.CrlNumber) = (RunStatus.Running, Now, r.Attempt + 1, material?.CrlNumber ?? 0), ct);
        run.Attempt++;
        if (target is null || material is null)
        {
            await FinishAsync(run, binding, RunStatus.Failed, "connect", target is null ? "The target no longer exists." : "The CA no longer exists.", final: true);
            return true;
        }
        if (target.Connector is not ITrustConnector connector)
        {
            await FinishAsync(run, binding, RunStatus.Failed, "connect", $"Targets of type '{target.Connector.Type}' cannot be given a CA to trust.", final: true);
            return true;
        }
        await WorkAsync(run, binding, target, connector, material, ct);
        return true;
    }

    private async Task WorkAsync(TrustRun run, TrustDeployment binding, OpenedTarget target, ITrustConnector connector, CaTrustMaterial material, CancellationToken ct)
    {
        var push = new TrustPush(target.Settings, binding.Options,
            new TrustMaterial(binding.Options.GetValueOrDefault("name") is { Length: > 0 } name ? name : DeviceName(material.Name), material.CertificatePem,
                material.CertificateDer, material.ThumbprintSha256, material.CrlDer, material.CrlNumber),
            (step, message) => StepAsync(run.Id, binding.Id, step, message));
        await StepAsync(run.Id, binding.Id, "start",
            $"CA '{material.Name}'{(material.CrlDer is null ? "" : $" and its CRL number {material.CrlNumber}")} to {target.Connector.Type} target '{target.Name}'.");
        // A run another instance took up while this one was paused is not pushed twice.
        await claim.EnsureHeldAsync(ct);
        try
        {
            await connector.PushTrustAsync(push, ct);
        }
        catch (TargetException e)
        {
            if (!e.Undone)
            {
                await FinishAsync(run, binding, RunStatus.Failed, e.Step ?? "push",
                    e.Configuration ? $"{e.Message} Not retried: it fails the same way until the target or binding is changed." : e.Message, final: e.Configuration);
                return;
            }
            await StepAsync(run.Id, binding.Id, e.Step ?? "push", e.Message, RunStep.Failed);
            await FinishAsync(run, binding, RunStatus.RolledBack, "rollback", "The target was put back as it was before this run.");
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Trust run {RunId}: the {Type} connector failed unexpectedly", run.Id, target.Connector.Type);
            await FinishAsync(run, binding, RunStatus.Failed, "push", $"Unexpected failure ({e.GetType().Name}): {e.Message}");
            return;
        }
        try
        {
            var seen = await connector.VerifyTrustAsync(push, ct);
            await FinishAsync(run, binding, RunStatus.Verified, "verify", seen);
        }
        catch (TargetException e)
        {
            await StepAsync(run.Id, binding.Id, "verify", e.Message, RunStep.Failed);
            try
            {
                await FinishAsync(run, binding, RunStatus.RolledBack, "rollback", await connector.RollbackTrustAsync(push, ct));
            }
            catch (TargetException undo)
            {
                await FinishAsync(run, binding, RunStatus.Failed, "rollback", $"Putting back what was there failed too: {undo.Message}");
            }
        }
    }

    /// <summary>A run still "running" when its queued work is claimed again was cut off: it says so and is queued to run again.</summary>
    public static async Task<bool> MarkCutOffAsync(AppDbContext db, Guid runId, DateTime now, CancellationToken ct)
    {
        var run = await db.Set<TrustRun>().SingleOrDefaultAsync(r => r.Id == runId && r.Status == RunStatus.Running, ct);
        if (run is null)
            return false;
        run.AddStep("interrupted", RunStep.Failed, "The portal stopped during this run; it is run again.", now);
        run.Status = RunStatus.Queued;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>A name a device takes for the CA when the binding gives none: letters, digits, '-', '_' and '.', at most 31 (FortiOS and PAN-OS limits).</summary>
    public static string DeviceName(string caName)
    {
        var name = NotAllowed().Replace(caName.Trim(), "-").Trim('-');
        return name.Length == 0 ? "certportal-ca" : name[..Math.Min(name.Length, 31)];
    }

    private async Task FinishAsync(TrustRun run, TrustDeployment binding, string status, string step, string message, bool final = false)
    {
        // The outcome is the instance's that holds the run now.
        await claim.EnsureHeldAsync(CancellationToken.None);
        if (status == RunStatus.Failed && run.Attempt < DeploymentRunner.MaxAttempts && !final)
        {
            var wait = TimeSpan.FromMinutes(run.Attempt == 1 ? 1 : 5 * (run.Attempt - 1));
            await UpdateAsync(run.Id, binding.Id, r =>
            {
                r.AddStep(step, RunStep.Failed, message, Now);
                r.AddStep("retry", RunStep.Waiting, $"Attempt {run.Attempt} of {DeploymentRunner.MaxAttempts} failed; trying again after {Now + wait:HH:mm} UTC.", Now);
                (r.Status, r.NotBefore) = (RunStatus.Queued, Now + wait);
            }, CancellationToken.None);
            logger.LogWarning("Trust run {RunId} failed at {Step} (attempt {Attempt}), tried again after {RetryAt:u}: {Reason} (TrustDeploymentId {TrustDeploymentId})",
                run.Id, step, run.Attempt, Now + wait, message, binding.Id);
            return;
        }
        if (status == RunStatus.Verified)
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                var crlNumber = (await db.Set<TrustRun>().AsNoTracking().SingleAsync(r => r.Id == run.Id)).CrlNumber;
                await db.Set<TrustDeployment>().Where(d => d.Id == binding.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.VerifiedCrlNumber, crlNumber));
            }
        await UpdateAsync(run.Id, binding.Id, r =>
        {
            r.AddStep(step, status is RunStatus.Verified or RunStatus.RolledBack ? RunStep.Done : RunStep.Failed, message, Now);
            (r.Status, r.FinishedAt) = (status, Now);
        }, CancellationToken.None);
        await audit.RecordAsync("trust.run", "TrustDeployment", binding.Id.ToString(), $"Trust push: {status}. {message}",
            status == RunStatus.Verified ? AuditOutcome.Success : AuditOutcome.Failure, binding.CustomerId, CancellationToken.None);
        if (status is RunStatus.Failed or RunStatus.RolledBack)
            logger.LogError("Trust run {RunId} ended {Status} at {Step}: {Reason} (CustomerId {CustomerId}, CaId {CaId}, TargetId {TargetId}, TrustDeploymentId {TrustDeploymentId})",
                run.Id, status, step, message, binding.CustomerId, binding.CaId, binding.TargetId, binding.Id);
    }

    private Task StepAsync(Guid runId, Guid bindingId, string name, string message, string status = RunStep.Done) =>
        UpdateAsync(runId, bindingId, r => r.AddStep(name, status, message, Now), CancellationToken.None);

    private async Task UpdateAsync(Guid runId, Guid bindingId, Action<TrustRun> change, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var run = await db.Set<TrustRun>().SingleAsync(r => r.Id == runId, ct);
            change(run);
            db.Entry(run).Property(r => r.Steps).IsModified = true;
            await db.SaveChangesAsync(ct);
        }
        progress.Notify(bindingId);
    }

    private async Task<(TrustRun?, TrustDeployment?)> LoadAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Set<TrustRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
        var binding = run is null ? null : await db.Set<TrustDeployment>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == run.TrustDeploymentId, ct);
        return (run, binding);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    [GeneratedRegex("[^A-Za-z0-9_.-]+")]
    private static partial Regex NotAllowed();
}
