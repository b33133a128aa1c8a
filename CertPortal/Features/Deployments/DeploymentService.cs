using CertPortal.Common.Runs;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.Certificates;
using CertPortal.Features.Customers;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Features.Targets;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments;

/// <summary>Bindings and runs; the API and pages both call these.</summary>
public sealed class DeploymentService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICertificateVersions certificates,
    ITargetAccess targets,
    ICustomerDirectory customers,
    DeploymentQueue queue,
    DeploymentProgress progress,
    AuditLog audit,
    TimeProvider clock)
{
    /// <summary>The bindings, oldest first unless <paramref name="sort"/> (<see cref="DeploymentSort"/>) says otherwise.</summary>
    public async Task<PagedList<DeploymentView>> ListAsync(Guid? customerId, Guid? certificateId, Guid? targetId, Paging paging, Actor actor, CancellationToken ct = default,
        ListSort? sort = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Scoped(db, actor, customerId, certificateId, targetId);
        var total = await query.CountAsync(ct);
        var items = await DeploymentSort.Apply(query, db.Set<DeploymentRun>(), sort ?? DeploymentSort.Default, Names(db)).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<DeploymentView>(await ToViewsAsync(db, items, ct), total);
    }

    /// <summary>
    /// The bindings that need a look (<paramref name="need"/>, a <see cref="DeploymentNeeds"/> value; null: any), oldest
    /// binding first: the newest run failed, was rolled back or waits for a person, or the target serves an older version.
    /// </summary>
    public async Task<PagedList<DeploymentView>> AttentionAsync(Guid? customerId, Guid? certificateId, Guid? targetId, string? need, Paging paging, Actor actor,
        CancellationToken ct = default, ListSort? sort = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var needing = BindingState.Needing(BindingState.Of(db, Scoped(db, actor, customerId, certificateId, targetId), certificates), DeploymentNeeds.Parse(need));
        var total = await needing.CountAsync(ct);
        var ids = await DeploymentSort.Apply(needing, sort ?? DeploymentSort.Default, Names(db)).Skip(paging.Skip).Take(paging.PageSize).Select(s => s.DeploymentId).ToListAsync(ct);
        return new PagedList<DeploymentView>(await ViewsAsync(db, ids, ct), total);
    }

    public async Task<Result<DeploymentView>> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deployment = await db.Set<Deployment>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        return deployment is null ? NotFound<DeploymentView>() : Result<DeploymentView>.Ok((await ToViewsAsync(db, [deployment], ct))[0]);
    }

    public async Task<Result<DeploymentView>> CreateAsync(DeploymentInput input, Actor actor, CancellationToken ct = default)
    {
        var check = new Validation();
        var certificate = input.CertificateId is { } certificateId ? await certificates.FindAsync(certificateId, actor, ct) : null;
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
            Options = input.Options ?? [], AutoDeploy = input.AutoDeploy ?? true, CreatedAt = clock.GetUtcNow().UtcDateTime, BoundAtVersion = certificate.CurrentVersion,
        };
        db.Add(deployment);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("deployment.create", "Deployment", deployment.Id.ToString(), $"Bound {certificate.CommonName} to target '{target.Name}'{(deployment.AutoDeploy ? ", deploying every new version" : "")}.",
            customerId: deployment.CustomerId, ct: ct);
        return Result<DeploymentView>.Ok((await ToViewsAsync(db, [deployment], ct))[0]);
    }

    /// <summary>Changes a binding's <c>autoDeploy</c> and/or options; what is left out stays as it is.</summary>
    public async Task<Result<DeploymentView>> UpdateAsync(Guid id, DeploymentChange change, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deployment = await db.Set<Deployment>().VisibleTo(actor).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (deployment is null)
            return NotFound<DeploymentView>();
        var said = new List<string>();
        if (change.AutoDeploy is { } auto && auto != deployment.AutoDeploy)
        {
            deployment.AutoDeploy = auto;
            said.Add(auto ? "every new version is deployed by itself" : "new versions wait for someone to run them");
        }
        if (change.Options is { } options)
        {
            deployment.Options = options;
            said.Add($"options: {(options.Count == 0 ? "none" : string.Join(", ", options.Keys))}");
        }
        if (said.Count == 0)
            return Result<DeploymentView>.Ok((await ToViewsAsync(db, [deployment], ct))[0]);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("deployment.update", "Deployment", id.ToString(), $"Changed the binding: {string.Join("; ", said)}.", customerId: deployment.CustomerId, ct: ct);
        return Result<DeploymentView>.Ok((await ToViewsAsync(db, [deployment], ct))[0]);
    }

    public async Task<Result<DeploymentView>> DeleteAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deployment = await db.Set<Deployment>().VisibleTo(actor).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (deployment is null)
            return NotFound<DeploymentView>();
        if (await db.Set<DeploymentRun>().AnyAsync(r => r.DeploymentId == id && r.Status == RunStatus.Running, ct))
            return Result<DeploymentView>.Conflict("A run is under way for this binding; wait until it ends.");
        var removed = (await ToViewsAsync(db, [deployment], ct))[0];
        db.Remove(deployment);
        await db.SaveChangesAsync(ct);
        // Names both ends, so the log still says which binding this was once it is gone.
        await audit.RecordAsync("deployment.delete", "Deployment", id.ToString(),
            $"Removed the binding {removed.CertificateName} → '{removed.TargetName}' (the target keeps what it serves).", customerId: deployment.CustomerId, ct: ct);
        return Result<DeploymentView>.Ok(removed);
    }

    /// <summary>Queues a run of the certificate's current version now; a run already queued or running for it is answered instead.</summary>
    /// <remarks>A person's "run now" (<paramref name="triggeredBy"/> null) ignores the target's maintenance window, and says so in the audit log.</remarks>
    public async Task<Result<RunStarted>> RunNowAsync(Guid id, Actor actor, string? triggeredBy = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deployment = await db.Set<Deployment>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (deployment is null)
            return NotFound<RunStarted>();
        var certificate = await certificates.FindAsync(deployment.CertificateId, Actor.Job("deployments"), ct);
        if (certificate is not { CurrentVersion: > 0 })
            return Result<RunStarted>.Conflict("The certificate has no issued version to deploy yet.");
        var open = await db.Set<DeploymentRun>().Where(r => r.DeploymentId == id && r.CertificateVersion == certificate.CurrentVersion
            && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running)).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            // A person's Run now on a run waiting to retry a failed attempt tries it at once rather than at its time.
            if (triggeredBy is null && DeploymentRunView.From(open).Retrying)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                (open.NotBefore, open.Forced) = (null, true);
                open.Steps = [.. open.Steps[..^1], open.Steps[^1] with { Status = "done", Message = $"{open.Steps[^1].Message} Run now by {actor.Name}: trying again now." }];
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync("deployment.run-now", "Deployment", id.ToString(),
                    $"Retry of version {open.CertificateVersion} started now instead of at its time; started by hand, so any maintenance window is overridden.",
                    customerId: deployment.CustomerId, ct: ct);
                await queue.EnqueueAsync(open.Id, deployment.TargetId, ct);
                progress.Notify(deployment.CertificateId);
            }
            return Result<RunStarted>.Ok(new RunStarted(open.Id));
        }
        var run = new DeploymentRun
        {
            Id = Guid.NewGuid(), DeploymentId = id, CertificateVersion = certificate.CurrentVersion, TriggeredBy = triggeredBy ?? actor.Name, QueuedAt = clock.GetUtcNow().UtcDateTime,
            Forced = triggeredBy is null,
        };
        db.Add(run);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("deployment.run-now", "Deployment", id.ToString(),
            $"Queued version {run.CertificateVersion} ({run.TriggeredBy}){(run.Forced ? "; started by hand, so any maintenance window is overridden" : "")}.", customerId: deployment.CustomerId, ct: ct);
        await queue.EnqueueAsync(run.Id, deployment.TargetId, ct);
        progress.Notify(deployment.CertificateId);
        return Result<RunStarted>.Ok(new RunStarted(run.Id));
    }

    public async Task<Result<IReadOnlyList<DeploymentRunView>>> RunsAsync(Guid id, Actor actor, int take = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deployment = await db.Set<Deployment>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (deployment is null)
            return NotFound<IReadOnlyList<DeploymentRunView>>();
        var runs = await db.Set<DeploymentRun>().AsNoTracking().Where(r => r.DeploymentId == id).OrderByDescending(r => r.QueuedAt).Take(take).ToListAsync(ct);
        return Result<IReadOnlyList<DeploymentRunView>>.Ok(runs.Select(DeploymentRunView.From).ToList());
    }

    public async Task<Result<DeploymentRunView>> RunAsync(Guid id, Guid runId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deployment = await db.Set<Deployment>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        var run = deployment is null ? null : await db.Set<DeploymentRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId && r.DeploymentId == id, ct);
        return run is null ? NotFound<DeploymentRunView>() : Result<DeploymentRunView>.Ok(DeploymentRunView.From(run));
    }

    /// <summary>
    /// A manual target's run: the technician says the change is made; the run goes on to verification. Only a run that
    /// waits for a person can be marked done, and only once.
    /// </summary>
    public async Task<Result<DeploymentRunView>> ConfirmAsync(Guid id, Guid runId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deployment = await db.Set<Deployment>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        var run = deployment is null ? null : await db.Set<DeploymentRun>().SingleOrDefaultAsync(r => r.Id == runId && r.DeploymentId == id, ct);
        if (run is null || deployment is null)
            return NotFound<DeploymentRunView>();
        if (!run.AwaitingPerson)
        {
            await audit.RecordAsync("deployment.manual-done", "Deployment", id.ToString(), $"Refused: run of version {run.CertificateVersion} is {run.Status} and waits for nobody.",
                AuditOutcome.Failure, deployment.CustomerId, ct);
            return Result<DeploymentRunView>.Conflict($"This run is {run.Status}; only a run that waits for a person can be marked done.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        (run.AwaitingPerson, run.ConfirmedBy, run.Status) = (false, actor.Name, RunStatus.Queued);
        run.AddStep("manual", RunStep.Done, $"Marked done by {actor.Name}; checking the endpoint.", now);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("deployment.manual-done", "Deployment", id.ToString(), $"Version {run.CertificateVersion} marked as put in place by hand.", customerId: deployment.CustomerId, ct: ct);
        await queue.EnqueueAsync(run.Id, deployment.TargetId, ct);
        progress.Notify(deployment.CertificateId);
        return Result<DeploymentRunView>.Ok(DeploymentRunView.From(run));
    }

    private static IQueryable<Deployment> Scoped(AppDbContext db, Actor actor, Guid? customerId, Guid? certificateId, Guid? targetId)
    {
        var query = db.Set<Deployment>().AsNoTracking();
        query = query.VisibleTo(actor);
        if (customerId is { } customer)
            query = query.Where(d => d.CustomerId == customer);
        if (certificateId is { } certificate)
            query = query.Where(d => d.CertificateId == certificate);
        if (targetId is { } target)
            query = query.Where(d => d.TargetId == target);
        return query;
    }

    /// <summary>The newest run of each binding, in one query: its QueuedAt is the binding's greatest.</summary>
    internal static async Task<Dictionary<Guid, DeploymentRun>> LastRunsAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        (await db.Set<DeploymentRun>().AsNoTracking().Where(r => ids.Contains(r.DeploymentId))
            .Where(r => r.QueuedAt == db.Set<DeploymentRun>().Where(o => o.DeploymentId == r.DeploymentId).Max(o => o.QueuedAt)).ToListAsync(ct))
        .GroupBy(r => r.DeploymentId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Id).First());

    private async Task<IReadOnlyList<DeploymentView>> ViewsAsync(AppDbContext db, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var found = (await db.Set<Deployment>().AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync(ct)).ToDictionary(d => d.Id);
        return await ToViewsAsync(db, ids.Where(found.ContainsKey).Select(id => found[id]).ToList(), ct);
    }

    private async Task<IReadOnlyList<DeploymentView>> ToViewsAsync(AppDbContext db, IReadOnlyList<Deployment> items, CancellationToken ct)
    {
        var last = await LastRunsAsync(db, items.Select(d => d.Id).ToList(), ct);
        var certificateNames = await certificates.HeadlinesAsync(items.Select(d => d.CertificateId).Distinct().ToList(), ct);
        var targetNames = await targets.HeadlinesAsync(items.Select(d => d.TargetId).Distinct().ToList(), ct);
        return items.Select(d =>
        {
            var certificate = certificateNames.GetValueOrDefault(d.CertificateId);
            var target = targetNames.GetValueOrDefault(d.TargetId);
            return new DeploymentView(d.Id, d.CertificateId, d.TargetId, d.Options, d.AutoDeploy, d.CustomerId, d.VerifiedVersion,
                last.GetValueOrDefault(d.Id) is { } run ? DeploymentRunView.From(run) : null, d.CreatedAt,
                certificate?.CommonName ?? "—", certificate?.CurrentVersion ?? 0, target?.Name ?? "—", target?.Type ?? "");
        }).ToList();
    }

    private static Result<T> NotFound<T>() => Result<T>.NotFound("No such deployment.");

    // The names of a binding's certificate, target and customer, from the slices that own them, to order the list by.
    private DeploymentSort.Names Names(AppDbContext db) =>
        new(certificates.CurrentVersions(db).Select(c => new ObjectName { Id = c.Id, Name = c.CommonName }), targets.Names(db), customers.Names(db));
}
