using System.Text.Json;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.Customers;
using CertPortal.Features.Targets.Connectors;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Targets;

/// <summary>Targets' use cases; the page and /api/v1/targets both call these. Secrets go in, never out.</summary>
public sealed class TargetService(
    IDbContextFactory<AppDbContext> dbFactory,
    TargetConnectors connectors,
    ICustomerDirectory customers,
    IEnumerable<ITargetDependents> dependents,
    SealedSettings sealing,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<PagedList<TargetView>> ListAsync(Guid? customerId, Paging paging, Actor actor, CancellationToken ct = default, ListSort? sort = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<Target>().AsNoTracking();
        query = query.VisibleTo(actor);
        if (customerId is { } only)
            query = query.Where(t => t.CustomerId == only);
        var total = await query.CountAsync(ct);
        var items = await TargetSort.Apply(query, sort ?? TargetSort.Default, connectors.DisplayNames, customers.Names(db)).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<TargetView>(items.Select(ToView).ToList(), total);
    }

    public async Task<Result<TargetView>> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.Set<Target>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        return target is null ? NotFound() : Result<TargetView>.Ok(ToView(target));
    }

    public async Task<Result<TargetView>> CreateAsync(TargetInput input, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var check = await ValidateAsync(db, input, input.Secrets, null, actor, ct);
        if (!check.IsValid)
            return await RefusedAsync(check.ToResult<TargetView>(), "target.create", null, input.CustomerId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var target = new Target
        {
            Id = Guid.NewGuid(), CustomerId = input.CustomerId!.Value, Name = input.Name!.Trim(), Type = connectors.Find(input.Type)!.Type,
            CreatedAt = now, UpdatedAt = now,
        };
        sealing.Store(target, input.Settings, SealedSettings.Merge(null, input.Secrets));
        db.Add(target);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("target.create", "Target", target.Id.ToString(), $"Created {target.Type} target '{target.Name}'.", customerId: target.CustomerId, ct: ct);
        return Result<TargetView>.Ok(ToView(target));
    }

    public async Task<Result<TargetView>> UpdateAsync(Guid id, TargetInput input, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.Set<Target>().VisibleTo(actor).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (target is null)
            return NotFound();
        input = input with { CustomerId = target.CustomerId, Type = input.Type ?? target.Type };
        var (moved, merged, check) = AfterEdit(target, input);
        check = await ValidateAsync(db, input, merged.ToDictionary(k => k.Key, k => (string?)k.Value), id, actor, ct, check);
        if (!check.IsValid)
            return await RefusedAsync(check.ToResult<TargetView>(), "target.update", id, target.CustomerId, ct);
        var replaced = (input.Secrets ?? []).Where(s => !string.IsNullOrEmpty(s.Value)).Select(s => s.Key).ToList();
        // A changed connection setting or secret means the earlier Test says nothing about the target as it is now.
        var untested = target.TestPassedAt is not null
            && (moved.Count > 0 || replaced.Count > 0 || SettingsText(SealedSettings.Clean(input.Settings)) != SettingsText(target.Settings));
        if (untested)
            target.TestPassedAt = null;
        (target.Name, target.Type, target.UpdatedAt) = (input.Name!.Trim(), connectors.Find(input.Type)!.Type, clock.GetUtcNow().UtcDateTime);
        sealing.Store(target, input.Settings, merged);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("target.update", "Target", id.ToString(),
            $"Updated target '{target.Name}'" + (moved.Count > 0 ? $"; endpoint changed: {string.Join("; ", moved)}, stored secrets dropped" : "")
            + (replaced.Count > 0 ? $"; replaced secrets: {string.Join(", ", replaced)}" : "")
            + (untested ? "; connection changed, so it counts as not tested until Test passes again." : "."), customerId: target.CustomerId, ct: ct);
        return Result<TargetView>.Ok(ToView(target));
    }

    public async Task<Result<TargetView>> DeleteAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.Set<Target>().VisibleTo(actor).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (target is null)
            return NotFound();
        var users = new List<string>();
        foreach (var dependent in dependents)
            if (await dependent.DescribeAsync(id, ct) is { } what)
                users.Add(what);
        if (users.Count > 0)
            return await RefusedAsync(Result<TargetView>.Conflict($"'{target.Name}' is still used by {string.Join(" and ", users)}; remove those first."), "target.delete", id, target.CustomerId, ct);
        db.Remove(target);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("target.delete", "Target", id.ToString(), $"Deleted target '{target.Name}'.", customerId: target.CustomerId, ct: ct);
        return Result<TargetView>.Ok(ToView(target));
    }

    /// <summary>Logs in and reads something harmless; the answer says what was seen or what went wrong.</summary>
    public async Task<Result<TargetTestResult>> TestAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.Set<Target>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (target is null)
            return Result<TargetTestResult>.NotFound("No such target.");
        var outcome = await TestWithAsync(connectors.Find(target.Type)!, SettingsFor(target), ct);
        if (outcome.Ok)
            // Only if nobody changed the target while the test ran: a passed test vouches for the settings it used.
            await db.Set<Target>().Where(t => t.Id == id && t.UpdatedAt == target.UpdatedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.TestPassedAt, clock.GetUtcNow().UtcDateTime), ct);
        await audit.RecordAsync("target.test", "Target", id.ToString(), $"Tested '{target.Name}': {outcome.Message}",
            outcome.Ok ? AuditOutcome.Success : AuditOutcome.Failure, target.CustomerId, ct);
        return Result<TargetTestResult>.Ok(outcome);
    }

    /// <summary>
    /// Tests settings not saved yet, as the dialog holds them: a new target's, or an edited one's with its stored
    /// secrets (never sent to a changed endpoint, as on save). Invalid settings answer with the same field errors as Save.
    /// </summary>
    public async Task<Result<TargetTestResult>> TestUnsavedAsync(Guid? id, TargetInput input, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = id is { } existing ? await db.Set<Target>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(t => t.Id == existing, ct) : null;
        if (id is not null && stored is null)
            return Result<TargetTestResult>.NotFound("No such target.");
        IReadOnlyDictionary<string, string?> secrets = input.Secrets ?? [];
        var check = new Validation();
        if (stored is not null)
        {
            input = input with { CustomerId = stored.CustomerId, Type = input.Type ?? stored.Type };
            var edit = AfterEdit(stored, input);
            (check, secrets) = (edit.Check, edit.Given);
        }
        check = await ValidateAsync(db, input, secrets, id, actor, ct, check);
        if (!check.IsValid)
            return check.ToResult<TargetTestResult>();
        var connector = connectors.Find(input.Type)!;
        var settings = new TargetSettings(SealedSettings.Flatten(SealedSettings.Clean(input.Settings)), secrets) { Labels = connector.Fields.ToDictionary(f => f.Name, f => f.Label) };
        var outcome = await TestWithAsync(connector, settings, ct);
        await audit.RecordAsync("target.test", "Target", id?.ToString(), $"Tested the unsaved settings of '{input.Name?.Trim()}': {outcome.Message}",
            outcome.Ok ? AuditOutcome.Success : AuditOutcome.Failure, input.CustomerId, ct);
        return Result<TargetTestResult>.Ok(outcome);
    }

    private static async Task<TargetTestResult> TestWithAsync(ITargetConnector connector, TargetSettings settings, CancellationToken ct)
    {
        try
        {
            return await connector.TestAsync(settings, ct);
        }
        catch (TargetException e)
        {
            return new TargetTestResult(false, e.Message);
        }
    }

    private SecretsAfterEdit AfterEdit(Target target, TargetInput input) =>
        sealing.AfterEdit(target, input.Type, connectors.Find(input.Type)?.Type, Specs(connectors.Find(input.Type) ?? connectors.Find(target.Type)), input.Settings, input.Secrets);

    /// <summary>
    /// Pins the SSH host key a technician checked (the one Test showed). Only for types with a host key, and only a
    /// well-formed SHA-256 fingerprint; the key is checked again at every login from then on.
    /// </summary>
    public async Task<Result<TargetView>> TrustHostKeyAsync(Guid id, string? fingerprint, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.Set<Target>().VisibleTo(actor).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (target is null)
            return NotFound();
        if (connectors.Find(target.Type)?.Fields.Any(f => f.Name == HostKeyField) != true)
            return await RefusedAsync(Result<TargetView>.Invalid(HostKeyField, $"A {target.Type} target has no SSH host key."), "target.trust-host-key", id, target.CustomerId, ct);
        var normalized = SshTarget.NormalizeFingerprint(fingerprint);
        if (normalized is null || !IsSha256Base64(normalized))
            return await RefusedAsync(Result<TargetView>.Invalid(HostKeyField, "Give the fingerprint as Test showed it: SHA256: and 43 base64 characters."), "target.trust-host-key", id, target.CustomerId, ct);
        var pinned = SshTarget.FingerprintPrefix + normalized;
        var before = target.Settings.GetValueOrDefault(HostKeyField) is { ValueKind: JsonValueKind.String } old ? old.GetString() : null;
        target.Settings = new Dictionary<string, JsonElement>(target.Settings) { [HostKeyField] = JsonSerializer.SerializeToElement(pinned) };
        target.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("target.trust-host-key", "Target", id.ToString(),
            $"Pinned the host key of '{target.Name}' to {pinned}" + (string.IsNullOrEmpty(before) ? "." : $" (was {before})."), customerId: target.CustomerId, ct: ct);
        return Result<TargetView>.Ok(ToView(target));
    }

    private const string HostKeyField = "hostKeySha256";

    private static bool IsSha256Base64(string value) =>
        value.Length == 43 && Convert.TryFromBase64String(value + "=", new byte[32], out var written) && written == 32;

    /// <summary>The target's settings and unsealed secrets, as a connector reads them (Test here, runs through <see cref="TargetAccess"/>).</summary>
    public TargetSettings SettingsFor(Target target) => new(
        SealedSettings.Flatten(target.Settings),
        sealing.Unsealed(target))
    {
        Labels = connectors.Find(target.Type)?.Fields.ToDictionary(f => f.Name, f => f.Label) ?? new Dictionary<string, string>(),
    };

    private async Task<Validation> ValidateAsync(AppDbContext db, TargetInput input, IReadOnlyDictionary<string, string?>? secrets, Guid? self, Actor actor,
        CancellationToken ct, Validation? check = null)
    {
        check = (check ?? new Validation()).Require("name", input.Name, "Name", 200);
        if (input.CustomerId is not { } customerId || await customers.FindAsync(customerId, actor, ct) is null)
            check.Add("customerId", "There is no such customer.");
        var connector = connectors.Find(input.Type);
        if (connector is null)
            check.Add("type", $"Type must be one of: {string.Join(", ", connectors.All.Select(c => c.Type))}.");
        SettingRules.Check(check, connector is null ? null : Specs(connector), input.Settings, secrets);
        if (input.Settings?.GetValueOrDefault("tlsTrust").ToString() == "pinned"
            && !(input.Settings?.GetValueOrDefault("pinnedCertSha256") is { ValueKind: JsonValueKind.String } pin && pin.GetString()!.Replace(":", "").Length == 64))
            check.Add("settings.pinnedCertSha256", "A pinned management certificate needs its SHA-256 (64 hex characters).");
        if (input.Settings?.GetValueOrDefault("maintenanceWindow") is { ValueKind: JsonValueKind.String } window && window.GetString() is { Length: > 0 } text
            && !MaintenanceWindow.TryParse(text, out _, out var windowError))
            check.Add("settings.maintenanceWindow", windowError!);
        var name = input.Name?.Trim();
        if (check.IsValid && await db.Set<Target>().AnyAsync(t => t.CustomerId == input.CustomerId && t.Name == name && t.Id != self, ct))
            check.Add("name", $"This customer already has a target named '{name}'.");
        return check;
    }


    private static List<SettingSpec> Specs(ITargetConnector? connector) => (connector?.Fields ?? []).Concat(TargetConnectors.Common).Select(f => f.Spec).ToList();

    private TargetView ToView(Target t) => new(t.Id, t.CustomerId, t.Name, t.Type, t.Settings,
        sealing.Shown(t.SealedSecrets), t.CreatedAt, t.UpdatedAt, t.TestPassedAt);

    private static string SettingsText(IReadOnlyDictionary<string, JsonElement> settings) =>
        string.Join("\n", settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value.GetRawText()}"));

    private static Result<TargetView> NotFound() => Result<TargetView>.NotFound("No such target.");

    private async Task<Result<TargetView>> RefusedAsync(Result<TargetView> result, string action, Guid? id, Guid? customerId, CancellationToken ct)
    {
        await audit.RecordAsync(action, "Target", id?.ToString(), $"Refused: {result.Message}", AuditOutcome.Failure, customerId, ct);
        return result;
    }
}
