using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.Customers;
using CertPortal.Features.DnsProviders.Propagation;
using CertPortal.Features.DnsProviders.Providers;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.DnsProviders;

/// <summary>DNS providers' use cases; the page and /api/v1/dns-providers both call these. Secrets go in, never out.</summary>
public sealed class DnsProviderService(
    IDbContextFactory<AppDbContext> dbFactory,
    DnsProviderTypes types,
    ICustomerDirectory customers,
    SealedSettings sealing,
    Dns01Solver solver,
    AuditLog audit,
    IEnumerable<IDnsProviderDependents> dependents,
    ProgramProviderGate programs,
    TimeProvider clock)
{
    public async Task<PagedList<DnsProviderView>> ListAsync(Guid? customerId, Paging paging, Actor actor, CancellationToken ct = default, ListSort? sort = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<DnsProvider>().AsNoTracking();
        query = query.VisibleTo(actor);
        if (customerId is { } only)
            query = query.Where(p => p.CustomerId == only);
        var total = await query.CountAsync(ct);
        var items = await DnsProviderSort.Apply(query, sort ?? DnsProviderSort.Default, types.DisplayNames, customers.Names(db)).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<DnsProviderView>(items.Select(ToView).ToList(), total);
    }

    public async Task<Result<DnsProviderView>> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await db.Set<DnsProvider>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        return provider is null ? NotFound() : Result<DnsProviderView>.Ok(ToView(provider));
    }

    public async Task<Result<DnsProviderView>> CreateAsync(DnsProviderInput input, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await programs.RefusalAsync(input.Type) is { } refusal)
            return await RefusedAsync(Result<DnsProviderView>.Forbidden(refusal), "dns-provider.create", null, input.CustomerId, ct);
        var check = await ValidateAsync(db, input, null, actor, ct);
        if (!check.IsValid)
            return await RefusedAsync(check.ToResult<DnsProviderView>(), "dns-provider.create", null, input.CustomerId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var provider = new DnsProvider
        {
            Id = Guid.NewGuid(), CustomerId = input.CustomerId!.Value, Name = input.Name!.Trim(), Type = types.Find(input.Type)!.Type,
            CreatedAt = now, UpdatedAt = now,
        };
        sealing.Store(provider, input.Settings, SealedSettings.Merge(null, input.Secrets));
        db.Add(provider);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("dns-provider.create", "DnsProvider", provider.Id.ToString(), $"Created {provider.Type} DNS provider '{provider.Name}'.", customerId: provider.CustomerId, ct: ct);
        return Result<DnsProviderView>.Ok(ToView(provider));
    }

    public async Task<Result<DnsProviderView>> UpdateAsync(Guid id, DnsProviderInput input, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await db.Set<DnsProvider>().VisibleTo(actor).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (provider is null)
            return NotFound();
        input = input with { CustomerId = provider.CustomerId, Type = input.Type ?? provider.Type };
        if (await programs.RefusalAsync(provider.Type, input.Type) is { } refusal)
            return await RefusedAsync(Result<DnsProviderView>.Forbidden(refusal), "dns-provider.update", id, provider.CustomerId, ct);
        var (moved, merged, check) = AfterEdit(provider, input);
        check = await ValidateAsync(db, input with { Secrets = merged.ToDictionary(k => k.Key, k => (string?)k.Value) }, id, actor, ct, check);
        if (!check.IsValid)
            return await RefusedAsync(check.ToResult<DnsProviderView>(), "dns-provider.update", id, provider.CustomerId, ct);
        var changedSecrets = (input.Secrets ?? []).Where(s => !string.IsNullOrEmpty(s.Value)).Select(s => s.Key).ToList();
        (provider.Name, provider.Type, provider.UpdatedAt) = (input.Name!.Trim(), types.Find(input.Type)!.Type, clock.GetUtcNow().UtcDateTime);
        sealing.Store(provider, input.Settings, merged);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("dns-provider.update", "DnsProvider", id.ToString(),
            $"Updated DNS provider '{provider.Name}'" + (moved.Count > 0 ? $"; endpoint changed: {string.Join("; ", moved)}, stored secrets dropped" : "")
            + (changedSecrets.Count > 0 ? $"; replaced secrets: {string.Join(", ", changedSecrets)}." : "."), customerId: provider.CustomerId, ct: ct);
        return Result<DnsProviderView>.Ok(ToView(provider));
    }

    public async Task<Result<DnsProviderView>> DeleteAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await db.Set<DnsProvider>().VisibleTo(actor).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (provider is null)
            return NotFound();
        var users = new List<string>();
        foreach (var dependent in dependents)
            if (await dependent.DescribeAsync(id, ct) is { } what)
                users.Add(what);
        if (users.Count > 0)
            return await RefusedAsync(Result<DnsProviderView>.Conflict(
                $"'{provider.Name}' is still used by {string.Join(" and ", users)}; give them another DNS provider or delete them first."),
                "dns-provider.delete", id, provider.CustomerId, ct);
        db.Remove(provider);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("dns-provider.delete", "DnsProvider", id.ToString(), $"Deleted DNS provider '{provider.Name}'.", customerId: provider.CustomerId, ct: ct);
        return Result<DnsProviderView>.Ok(ToView(provider));
    }

    /// <summary>Writes a random TXT record under the provider's zone, waits until it is seen, and removes it.</summary>
    public async Task<Result<DnsProviderTestResult>> TestAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await db.Set<DnsProvider>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (provider is null)
            return Result<DnsProviderTestResult>.NotFound("No such DNS provider.");
        var outcome = await RunTestAsync(types.Find(provider.Type)!, SettingsFor(provider), ct);
        await audit.RecordAsync("dns-provider.test", "DnsProvider", id.ToString(), $"Tested '{provider.Name}': {outcome.Message}",
            outcome.Ok ? AuditOutcome.Success : AuditOutcome.Failure, provider.CustomerId, ct);
        return Result<DnsProviderTestResult>.Ok(outcome);
    }

    /// <summary>
    /// Tests settings not saved yet, as the dialog holds them: a new provider's, or an edited one's with its stored
    /// secrets (never sent to a changed endpoint, as on save). Invalid settings answer with the same field errors as Save.
    /// </summary>
    public async Task<Result<DnsProviderTestResult>> TestUnsavedAsync(Guid? id, DnsProviderInput input, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = id is { } existing ? await db.Set<DnsProvider>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(p => p.Id == existing, ct) : null;
        if (id is not null && stored is null)
            return Result<DnsProviderTestResult>.NotFound("No such DNS provider.");
        if (await programs.RefusalAsync(stored?.Type, input.Type ?? stored?.Type) is { } refusal)
        {
            await audit.RecordAsync("dns-provider.test", "DnsProvider", id?.ToString(), $"Refused: {refusal}", AuditOutcome.Failure, stored?.CustomerId ?? input.CustomerId, ct);
            return Result<DnsProviderTestResult>.Forbidden(refusal);
        }
        var check = new Validation();
        if (stored is not null)
        {
            input = input with { CustomerId = stored.CustomerId, Type = input.Type ?? stored.Type };
            var edit = AfterEdit(stored, input);
            (check, input) = (edit.Check, input with { Secrets = edit.Given });
        }
        check = await ValidateAsync(db, input, id, actor, ct, check);
        if (!check.IsValid)
            return check.ToResult<DnsProviderTestResult>();
        var settings = new DnsProviderSettings(Values(SealedSettings.Clean(input.Settings)), input.Secrets ?? []) { ProviderId = id ?? Guid.Empty };
        var outcome = await RunTestAsync(types.Find(input.Type)!, settings, ct);
        await audit.RecordAsync("dns-provider.test", "DnsProvider", id?.ToString(), $"Tested the unsaved settings of '{input.Name?.Trim()}': {outcome.Message}",
            outcome.Ok ? AuditOutcome.Success : AuditOutcome.Failure, input.CustomerId, ct);
        return Result<DnsProviderTestResult>.Ok(outcome);
    }

    private async Task<DnsProviderTestResult> RunTestAsync(IDnsProviderType type, DnsProviderSettings settings, CancellationToken ct)
    {
        if (type.Type == "manual")
            return new DnsProviderTestResult(true,
                "A manual provider has no API to test: each order shows the record to create, waits for \"done\", then checks it is there.");
        // acme-dns writes only to its account's own name; every other type writes a fresh name under its zone.
        var zone = type.Type == AcmeDnsProvider.TypeName ? null : settings.Optional("zone");
        var name = type.Type == AcmeDnsProvider.TypeName ? settings.Optional("fulldomain")
            : zone is null ? null : $"_certportal-test-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.{zone.TrimEnd('.')}";
        if (name is null)
            return new DnsProviderTestResult(false, type.Type == AcmeDnsProvider.TypeName
                ? "This acme-dns provider has no account yet: press Register first." : "This provider has no zone setting to write a test record under.");
        // 43 characters, as an ACME DNS-01 digest is (acme-dns refuses anything else).
        var value = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var steps = new List<string>();
        try
        {
            var published = await solver.PublishAsync(type, settings, name, value, Resolvers(settings), Timeout(settings), steps.Add, ct);
            await published.RemoveAsync(ct);
            // Say which servers were asked, so a technician sees whether discovery found the servers they expected.
            var asked = steps.FirstOrDefault(s => s.StartsWith("Asked ", StringComparison.Ordinal)) ?? $"Asked {string.Join(", ", Resolvers(settings))}.";
            return new DnsProviderTestResult(true, type.Type == AcmeDnsProvider.TypeName
                ? $"Wrote and saw a TXT record at {name} (acme-dns keeps the two newest values; it has no delete). {asked}"
                : $"Wrote, saw and removed a TXT record at {name}. {asked}");
        }
        catch (DnsProviderException e)
        {
            return new DnsProviderTestResult(false, e.Message);
        }
    }

    private SecretsAfterEdit AfterEdit(DnsProvider provider, DnsProviderInput input) =>
        sealing.AfterEdit(provider, input.Type, types.Find(input.Type)?.Type, Specs(types.Find(input.Type) ?? types.Find(provider.Type)), input.Settings, input.Secrets);

    /// <summary>The provider's settings and unsealed secrets, for the Certificates slice's DNS-01 flow.</summary>
    public DnsProviderSettings SettingsFor(DnsProvider provider) =>
        new(Values(provider.Settings), sealing.Unsealed(provider)) { ProviderId = provider.Id };

    /// <summary>Settings as providers read them: strings, lists joined with commas.</summary>
    public static IReadOnlyDictionary<string, string?> Values(IReadOnlyDictionary<string, JsonElement> settings) => SealedSettings.Flatten(settings);

    /// <summary>The provider's own resolvers; one that cannot be read or found fails the check with its name, not the request.</summary>
    public static IReadOnlyList<DnsServerAddress> Resolvers(DnsProviderSettings settings) =>
        ResolverTexts(settings.Optional("resolvers")).Select(text => DnsServerAddress.TryParse(text, out var address)
            ? address! : throw new DnsProviderException($"The resolver '{text}' is not a reachable host:port.")).ToList();

    private static string[] ResolverTexts(string? resolvers) =>
        resolvers?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public static TimeSpan Timeout(DnsProviderSettings settings) =>
        TimeSpan.FromSeconds(int.TryParse(settings.Optional("propagationTimeoutSeconds"), out var s) && s > 0 ? s : 120);

    private async Task<Validation> ValidateAsync(AppDbContext db, DnsProviderInput input, Guid? self, Actor actor, CancellationToken ct, Validation? check = null)
    {
        check = (check ?? new Validation()).Require("name", input.Name, "Name", 200);
        if (input.CustomerId is not { } customerId || await customers.FindAsync(customerId, actor, ct) is null)
            check.Add("customerId", "There is no such customer.");
        var type = types.Find(input.Type);
        if (type is null)
            check.Add("type", $"Type must be one of: {string.Join(", ", types.All.Select(t => t.Type))}.");
        SettingRules.Check(check, type is null ? null : Specs(type), input.Settings, input.Secrets);
        if (type is IChecksSettings checks)
            checks.Check(Values(SealedSettings.Clean(input.Settings)), check);
        if (input.Settings?.GetValueOrDefault("resolvers") is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } resolvers
            && ResolverTexts(SealedSettings.Text(resolvers)).FirstOrDefault(r => !DnsServerAddress.IsWellFormed(r)) is { } bad)
            check.Add("settings.resolvers", $"'{(bad.Length > 60 ? bad[..60] + "…" : bad)}' is not host:port with a port from 1 to 65535.");
        var name = input.Name?.Trim();
        if (check.IsValid && await db.Set<DnsProvider>().AnyAsync(p => p.CustomerId == input.CustomerId && p.Name == name && p.Id != self, ct))
            check.Add("name", $"This customer already has a DNS provider named '{name}'.");
        return check;
    }


    private static List<SettingSpec> Specs(IDnsProviderType? type) => (type?.Fields ?? []).Concat(DnsProviderTypes.Common).Select(f => f.Spec).ToList();

    private DnsProviderView ToView(DnsProvider p) => new(p.Id, p.CustomerId, p.Name, p.Type, p.Settings,
        sealing.Shown(p.SealedSecrets), p.CreatedAt, p.UpdatedAt);

    private static Result<DnsProviderView> NotFound() => Result<DnsProviderView>.NotFound("No such DNS provider.");

    private async Task<Result<DnsProviderView>> RefusedAsync(Result<DnsProviderView> result, string action, Guid? id, Guid? customerId, CancellationToken ct)
    {
        await audit.RecordAsync(action, "DnsProvider", id?.ToString(), $"Refused: {result.Message}", AuditOutcome.Failure, customerId, ct);
        return result;
    }
}
