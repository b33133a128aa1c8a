using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.Certificates;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Features.Targets;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments;

/// <summary>Bindings and runs; the API and pages both call these.</summary>
public sealed class DeploymentService(
    IDbContextFactory<AppDbContext> dbFactory,
    CertificateService certificates,
    TargetService targets,
    DeploymentQueue queue,
    DeploymentProgress progress,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<PagedList<DeploymentView>> ListAsync(Guid? customerId, Guid? certificateId, Guid? targetId, Paging paging, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<Deployment>().AsNoTracking();
        if (actor.CustomerScope is { } scope)
            query = query.Where(d => d.CustomerId == scope);
        if (customerId is { } customer)
            query = query.Where(d => d.CustomerId == customer);
        if (certificateId is { } certificate)
            query = query.Where(d => d.CertificateId == certificate);
        if (targetId is { } target)
            query = query.Where(d => d.TargetId == target);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(d => d.CreatedAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var views = new List<DeploymentView>();
        foreach (var deployment in items)
            views.Add(await ToViewAsync(db, deployment, ct));
        return new PagedList<DeploymentView>(views, total);
    }

    public async Task<Result<DeploymentView>> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deployment = await db.Set<Deployment>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        return deployment is null || !actor.CanSee(deployment.CustomerId) ? NotFound<DeploymentView>() : Result<DeploymentView>.Ok(await ToViewAsync(db, deployment, ct));
    }

    public async Task<Result<DeploymentView>> CreateAsync(DeploymentInput input, Actor actor, CancellationToken ct = default)
    {
        var check = new Validation();
        var certificate = input.CertificateId is { } certificateId ? (await certificates.GetAsync(certificateId, actor, ct)).Value : null;
        if (certificate is null)
            check.Add("certificateId", "There is no such certificate.");
        var target = input.TargetId is { } targetId ? (await targets.GetAsync(targetId, actor, ct)).Value : null;
        if (target is null)
            check.Add("targetId", "There is no such target.");
        else if (certificate is not null && target.CustomerId != certificate.CustomerId)
            check.Add("targetId", "The target belongs to another customer than the certificate.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (check.IsValid && await db.Set<Deployment>().AnyAsync(d => d.CertificateId == certificate!.Id && d.TargetId == target!.Id, ct))
            check.Add("targetId", "This certificate is already bound to this target.");
        if (!check.IsValid)
        {
            await audit.RecordAsync("deployment.create", "Deployment", null, $"Refused: {string.Join(" ", check.Errors.SelectMany(e => e.Value))}", AuditOutcome.Failure, certificate?.CustomerId, ct);
            return check.ToResult<DeploymentView>();
        }
        var deployment = new Deployment
        {
            Id = Guid.NewGuid(), CustomerId = certificate!.CustomerId, CertificateId = certificate.Id, TargetId = target!.Id,
            Options = input.Options ?? [], AutoDeploy = input.AutoDeploy ?? true, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(deployment);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("deployment.create", "Deployment", deployment.Id.ToString(), $"Bound {certificate.CommonName} to target '{target.Name}'{(deployment.AutoDeploy ? ", deploying every new version" : "")}.",
            customerId: deployment.CustomerId, ct: ct);
        return Result<DeploymentView>.Ok(await ToViewAsync(db, deployment, ct));
    }

    public async Task<Result<DeploymentView>> DeleteAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deployment = await db.Set<Deployment>().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (deployment is null || !actor.CanSee(deployment.CustomerId))
            return NotFound<DeploymentView>();
        if (await db.Set<DeploymentRun>().AnyAsync(r => r.DeploymentId == id && r.Status == RunStatus.Running, ct))
            return Result<DeploymentView>.Conflict("A run is under way for this binding; wait until it ends.");
        db.Remove(deployment);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("deployment.delete", "Deployment", id.ToString(), "Removed the binding (the target keeps what it serves).", customerId: deployment.CustomerId, ct: ct);
        return Result<DeploymentView>.Ok(await ToViewAsync(db, deployment, ct));
    }

    /// <summary>Queues a run of the certificate's current version now; a run already queued or running for it is answered instead.</summary>
    /// <remarks>A person's "run now" (<paramref name="triggeredBy"/> null) ignores the target's maintenance window, and says so in the audit log.</remarks>
    public async Task<Result<RunStarted>> RunNowAsync(Guid id, Actor actor, string? triggeredBy = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deployment = await db.Set<Deployment>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (deployment is null || !actor.CanSee(deployment.CustomerId))
            return NotFound<RunStarted>();
        var certificate = (await certificates.GetAsync(deployment.CertificateId, Actor.Job("deployments"), ct)).Value;
        if (certificate is not { CurrentVersion: > 0 })
            return Result<RunStarted>.Conflict("The certificate has no issued version to deploy yet.");
        var open = await db.Set<DeploymentRun>().Where(r => r.DeploymentId == id && r.CertificateVersion == certificate.CurrentVersion
            && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running)).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (open is { } existing)
            return Result<RunStarted>.Ok(new RunStarted(existing));
        var run = new DeploymentRun
        {
            Id = Guid.NewGuid(), DeploymentId = id, CertificateVersion = certificate.CurrentVersion, TriggeredBy = triggeredBy ?? actor.Name, QueuedAt = clock.GetUtcNow().UtcDateTime,
            Forced = triggeredBy is null,
        };
        db.Add(run);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("deployment.run-now", "Deployment", id.ToString(),
            $"Queued version {run.CertificateVersion} ({run.TriggeredBy}){(run.Forced ? "; started by hand, so any maintenance window is overridden" : "")}.", customerId: deployment.CustomerId, ct: ct);
        queue.Enqueue(run.Id, deployment.TargetId);
        progress.Notify(deployment.CertificateId);
        return Result<RunStarted>.Ok(new RunStarted(run.Id));
    }

    public async Task<Result<IReadOnlyList<DeploymentRunView>>> RunsAsync(Guid id, Actor actor, int take = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deployment = await db.Set<Deployment>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (deployment is null || !actor.CanSee(deployment.CustomerId))
            return NotFound<IReadOnlyList<DeploymentRunView>>();
        var runs = await db.Set<DeploymentRun>().AsNoTracking().Where(r => r.DeploymentId == id).OrderByDescending(r => r.QueuedAt).Take(take).ToListAsync(ct);
        return Result<IReadOnlyList<DeploymentRunView>>.Ok(runs.Select(DeploymentRunView.From).ToList());
    }

    public async Task<Result<DeploymentRunView>> RunAsync(Guid id, Guid runId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deployment = await db.Set<Deployment>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        var run = deployment is null ? null : await db.Set<DeploymentRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId && r.DeploymentId == id, ct);
        return run is null || !actor.CanSee(deployment!.CustomerId) ? NotFound<DeploymentRunView>() : Result<DeploymentRunView>.Ok(DeploymentRunView.From(run));
    }

    private static async Task<DeploymentView> ToViewAsync(AppDbContext db, Deployment d, CancellationToken ct)
    {
        var last = await db.Set<DeploymentRun>().AsNoTracking().Where(r => r.DeploymentId == d.Id).OrderByDescending(r => r.QueuedAt).FirstOrDefaultAsync(ct);
        return new DeploymentView(d.Id, d.CertificateId, d.TargetId, d.Options, d.AutoDeploy, d.CustomerId, d.VerifiedVersion,
            last is null ? null : DeploymentRunView.From(last), d.CreatedAt);
    }

    private static Result<T> NotFound<T>() => Result<T>.NotFound("No such deployment.");
}
