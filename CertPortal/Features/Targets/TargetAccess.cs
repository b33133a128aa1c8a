using System.Text.Json;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.Targets.Connectors;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Targets;

/// <summary>What other slices do with targets, behind <see cref="ITargetAccess"/>: read them as a person may, open one for a run, name many at once, move a pin.</summary>
internal sealed class TargetAccess(
    IDbContextFactory<AppDbContext> dbFactory,
    TargetService service,
    TargetConnectors connectors,
    AuditLog audit,
    TimeProvider clock) : ITargetAccess
{
    public Task<Result<TargetView>> GetAsync(Guid id, Actor actor, CancellationToken ct = default) => service.GetAsync(id, actor, ct);

    public Task<PagedList<TargetView>> ListAsync(Guid? customerId, Paging paging, Actor actor, CancellationToken ct = default) =>
        service.ListAsync(customerId, paging, actor, ct);

    /// <summary>For the Deployments slice: a target's connector and unsealed settings, and whose it is; null when there is no such target.</summary>
    public async Task<OpenedTarget?> OpenAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.Set<Target>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        return target is null || connectors.Find(target.Type) is not { } connector ? null : new OpenedTarget(target.Id, target.CustomerId, target.Name, connector, service.SettingsFor(target));
    }

    /// <summary>Name and type of each given target, for lists that show bindings; unknown ids are left out.</summary>
    public IQueryable<ObjectName> Names(AppDbContext db) =>
        db.Set<Target>().AsNoTracking().Select(t => new ObjectName { Id = t.Id, Name = t.Name });

    public async Task<IReadOnlyDictionary<Guid, TargetHeadline>> HeadlinesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Target>().AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new TargetHeadline(t.Id, t.Name, t.Type)).ToDictionaryAsync(t => t.Id, ct);
    }

    /// <summary>Name and maintenance window of each given target, for planning when runs will start; unknown ids are left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, TargetSchedule>> SchedulesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var targets = await db.Set<Target>().AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        return targets.ToDictionary(t => t.Id, t =>
        {
            var text = new TargetSettings(SealedSettings.Flatten(t.Settings), new Dictionary<string, string?>()).Optional("maintenanceWindow");
            return new TargetSchedule(t.Id, t.Name, text, MaintenanceWindow.TryParse(text, out var window, out _) ? window : null);
        });
    }

    /// <summary>
    /// For the Deployments slice, after a run verified <paramref name="endpoint"/>: when that is the management address
    /// of a target with pinned trust, the pin moves to the served certificate, because the device's management API now
    /// presents it and the next call (renewal, test) would refuse the old pin. Answers the run's step message, or null.
    /// </summary>
    public async Task<string?> RepinAsync(Guid id, VerificationEndpoint endpoint, string servedSha256, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.Set<Target>().SingleOrDefaultAsync(t => t.Id == id, ct);
        var settings = target is null ? null : new TargetSettings(SealedSettings.Flatten(target.Settings), new Dictionary<string, string?>());
        if (target is null || settings!.Optional("tlsTrust") != "pinned"
            || !Uri.TryCreate(settings.Optional("baseUrl"), UriKind.Absolute, out var management)
            || !management.Host.Equals(endpoint.Host, StringComparison.OrdinalIgnoreCase) || management.Port != endpoint.Port)
            return null;
        var (old, served) = (ManagementHttp.Normalized(settings.Optional("pinnedCertSha256") ?? ""), ManagementHttp.Normalized(servedSha256));
        if (old == served)
            return null;
        target.Settings = new Dictionary<string, JsonElement>(target.Settings) { ["pinnedCertSha256"] = JsonSerializer.SerializeToElement(served) };
        target.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("target.repinned", "Target", id.ToString(),
            $"Pinned management certificate of '{target.Name}' moved from {(old.Length > 0 ? old : "none")} to {served} after a verified deployment.", customerId: target.CustomerId, ct: ct);
        return $"The management API of '{target.Name}' now presents the deployed certificate; pinnedCertSha256 moved from {(old.Length > 0 ? old[..16] + "…" : "none")} to {served[..16]}….";
    }
}
