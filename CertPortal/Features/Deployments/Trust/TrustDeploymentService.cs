using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.CertificateAuthorities.Trust;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Features.Targets;
using CertPortal.Features.Targets.Connectors;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments.Trust;

/// <summary>Trust bindings (a CA pushed to a target) and their runs; the API and pages both call these.</summary>
public sealed class TrustDeploymentService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICaTrustMaterial cas,
    ITargetAccess targets,
    TargetConnectors connectors,
    DeploymentQueue queue,
    TrustProgress progress,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<PagedList<TrustDeploymentView>> ListAsync(Guid? customerId, Guid? caId, Guid? targetId, Paging paging, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<TrustDeployment>().AsNoTracking().VisibleTo(actor);
        if (customerId is { } customer)
            query = query.Where(d => d.CustomerId == customer);
        if (caId is { } ca)
            query = query.Where(d => d.CaId == ca);
        if (targetId is { } target)
            query = query.Where(d => d.TargetId == target);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<TrustDeploymentView>(await ToViewsAsync(db, items, ct), total);
    }

    public async Task<Result<TrustDeploymentView>> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var binding = await db.Set<TrustDeployment>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        return binding is null ? NotFound<TrustDeploymentView>() : Result<TrustDeploymentView>.Ok((await ToViewsAsync(db, [binding], ct))[0]);
    }

    /// <summary>Binds a CA to a target and queues its first push; refused with field errors when the target cannot take trust or an option is wrong.</summary>
    public async Task<Result<TrustDeploymentView>> CreateAsync(TrustDeploymentInput input, Actor actor, CancellationToken ct = default)
    {
        var check = new Validation();
        var ca = input.CaId is { } caId ? await cas.FindAsync(caId, actor, ct) : null;
        if (ca is null)
            check.Add("caId", "There is no such CA.");
        var target = input.TargetId is { } targetId ? (await targets.GetAsync(targetId, actor, ct)).Value : null;
        if (target is null)
            check.Add("targetId", "There is no such target.");
        else if (ca?.CustomerId is { } owner && owner != target.CustomerId)
            check.Add("targetId", "The target belongs to another customer than the CA.");
        var options = input.Options ?? [];
        if (target is not null)
            TrustOptionRules.Check(connectors.Find(target.Type), options, check);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (check.IsValid && await db.Set<TrustDeployment>().AnyAsync(d => d.CaId == ca!.CaId && d.TargetId == target!.Id, ct))
            check.Add("targetId", "This CA is already trusted by this target.");
        if (!check.IsValid)
        {
            await audit.RecordAsync("trust.create", "TrustDeployment", null, $"Refused: {string.Join(" ", check.Errors.SelectMany(e => e.Value))}", AuditOutcome.Failure,
                target?.CustomerId ?? ca?.CustomerId, ct);
            return check.ToResult<TrustDeploymentView>();
        }
        var binding = new TrustDeployment
        {
            Id = Guid.NewGuid(), CustomerId = target!.CustomerId, CaId = ca!.CaId, TargetId = target.Id, Options = options, AutoPush = input.AutoPush ?? true,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(binding);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("trust.create", "TrustDeployment", binding.Id.ToString(),
            $"Bound CA '{ca.Name}' to target '{target.Name}' as trust{(binding.AutoPush ? ", pushing every new CRL" : "")}.", customerId: binding.CustomerId, ct: ct);
        await RunNowAsync(binding.Id, actor, ct: ct);
        return await GetAsync(binding.Id, actor, ct);
    }

    public async Task<Result<TrustDeploymentView>> DeleteAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var binding = await db.Set<TrustDeployment>().VisibleTo(actor).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (binding is null)
            return NotFound<TrustDeploymentView>();
        if (await db.Set<TrustRun>().AnyAsync(r => r.TrustDeploymentId == id && r.Status == RunStatus.Running, ct))
            return Result<TrustDeploymentView>.Conflict("A run is under way for this trust binding; wait until it ends.");
        var removed = (await ToViewsAsync(db, [binding], ct))[0];
        db.Remove(binding);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("trust.delete", "TrustDeployment", id.ToString(),
            $"Removed the trust binding of CA '{removed.CaName}' to target '{removed.TargetName}' (the target keeps what it holds).", customerId: binding.CustomerId, ct: ct);
        return Result<TrustDeploymentView>.Ok(removed);
    }

    /// <summary>Queues a push of the CA and its newest CRL; a run already queued or running is answered instead (it reads the newest CRL when it starts).</summary>
    public async Task<Result<RunStarted>> RunNowAsync(Guid id, Actor actor, string? triggeredBy = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var binding = await db.Set<TrustDeployment>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (binding is null)
            return NotFound<RunStarted>();
        // A running run may have read the CRL before this one was signed: only a queued run is joined.
        var open = await db.Set<TrustRun>().Where(r => r.TrustDeploymentId == id && r.Status == RunStatus.Queued && r.NotBefore == null).FirstOrDefaultAsync(ct);
        if (open is not null)
            return Result<RunStarted>.Ok(new RunStarted(open.Id));
        var run = new TrustRun
        {
            Id = Guid.NewGuid(), TrustDeploymentId = id, TriggeredBy = triggeredBy ?? actor.Name, QueuedAt = clock.GetUtcNow().UtcDateTime, Forced = triggeredBy is null,
        };
        db.Add(run);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("trust.run-now", "TrustDeployment", id.ToString(),
            $"Queued a trust push ({run.TriggeredBy}){(run.Forced ? "; started by hand, so any maintenance window is overridden" : "")}.", customerId: binding.CustomerId, ct: ct);
        await queue.EnqueueAsync(run.Id, binding.TargetId, ct);
        progress.Notify(id);
        return Result<RunStarted>.Ok(new RunStarted(run.Id));
    }

    public async Task<Result<IReadOnlyList<TrustRunView>>> RunsAsync(Guid id, Actor actor, int take = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Set<TrustDeployment>().VisibleTo(actor).AnyAsync(d => d.Id == id, ct))
            return NotFound<IReadOnlyList<TrustRunView>>();
        var runs = await db.Set<TrustRun>().AsNoTracking().Where(r => r.TrustDeploymentId == id).OrderByDescending(r => r.QueuedAt).Take(take).ToListAsync(ct);
        return Result<IReadOnlyList<TrustRunView>>.Ok(runs.Select(TrustRunView.From).ToList());
    }

    public async Task<Result<TrustRunView>> RunAsync(Guid id, Guid runId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await db.Set<TrustDeployment>().VisibleTo(actor).AnyAsync(d => d.Id == id, ct);
        var run = visible ? await db.Set<TrustRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId && r.TrustDeploymentId == id, ct) : null;
        return run is null ? NotFound<TrustRunView>() : Result<TrustRunView>.Ok(TrustRunView.From(run));
    }

    /// <summary>A CA's CRL was signed anew: every auto-push binding of that CA gets a run.</summary>
    public async Task PushCrlAsync(Guid caId, long crlNumber, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.Set<TrustDeployment>().Where(d => d.CaId == caId && d.AutoPush).Select(d => d.Id).ToListAsync(ct);
        foreach (var id in ids)
            await RunNowAsync(id, Actor.Job(nameof(CrlTrustPusher)), $"CRL {crlNumber} signed", ct);
    }

    private async Task<IReadOnlyList<TrustDeploymentView>> ToViewsAsync(AppDbContext db, IReadOnlyList<TrustDeployment> items, CancellationToken ct)
    {
        var ids = items.Select(d => d.Id).ToList();
        var last = (await db.Set<TrustRun>().AsNoTracking().Where(r => ids.Contains(r.TrustDeploymentId))
                .Where(r => r.QueuedAt == db.Set<TrustRun>().Where(o => o.TrustDeploymentId == r.TrustDeploymentId).Max(o => o.QueuedAt)).ToListAsync(ct))
            .GroupBy(r => r.TrustDeploymentId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Id).First());
        var caNames = await cas.NamesAsync(items.Select(d => d.CaId).Distinct().ToList(), ct);
        var targetNames = await targets.HeadlinesAsync(items.Select(d => d.TargetId).Distinct().ToList(), ct);
        return items.Select(d => new TrustDeploymentView(d.Id, d.CustomerId, d.CaId, d.TargetId, d.Options, d.AutoPush, d.VerifiedCrlNumber,
            last.GetValueOrDefault(d.Id) is { } run ? TrustRunView.From(run) : null, d.CreatedAt, caNames.GetValueOrDefault(d.CaId) ?? "—",
            targetNames.GetValueOrDefault(d.TargetId)?.Name ?? "—", targetNames.GetValueOrDefault(d.TargetId)?.Type ?? "")).ToList();
    }

    private static Result<T> NotFound<T>() => Result<T>.NotFound("No such trust binding.");
}
