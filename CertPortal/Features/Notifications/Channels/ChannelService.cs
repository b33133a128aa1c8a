using System.Text.Json;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.Customers;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Notifications.Channels;

/// <summary>Channels' use cases; the channels page and /api/v1/notification-channels both call these. Secrets go in, never out.</summary>
public sealed class ChannelService(
    IDbContextFactory<AppDbContext> dbFactory,
    ChannelSenders senders,
    ChannelTest test,
    ICustomerDirectory customers,
    SealedSettings sealing,
    AuditLog audit,
    TimeProvider clock)
{
    public const int MaxNameLength = 200;

    public async Task<PagedList<ChannelView>> ListAsync(Paging paging, Actor actor, CancellationToken ct = default, ListSort? sort = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<NotificationChannel>().AsNoTracking();
        query = query.VisibleTo(actor, withShared: false);
        var total = await query.CountAsync(ct);
        var items = await ChannelSort.Apply(query, sort ?? ChannelSort.Default, senders.Labels, customers.Names(db)).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<ChannelView>(items.Select(ToView).ToList(), total);
    }

    public async Task<Result<ChannelView>> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.Set<NotificationChannel>().VisibleTo(actor, withShared: false).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return channel is null ? NotFound() : Result<ChannelView>.Ok(ToView(channel));
    }

    public async Task<Result<ChannelView>> CreateAsync(ChannelInput input, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var secrets = SealedSettings.Merge(null, input.Secrets);
        var check = await ValidateAsync(db, input, secrets, null, actor, ct);
        if (!check.IsValid)
            return await RefusedAsync(check.ToResult<ChannelView>(), "notification-channel.create", null, input.CustomerId, ct);
        var sender = senders.Find(input.Type)!;
        var now = clock.GetUtcNow().UtcDateTime;
        var channel = new NotificationChannel
        {
            Id = Guid.NewGuid(), Name = input.Name!.Trim(), Type = sender.Type, CustomerId = input.CustomerId, Events = Events(input), CreatedAt = now, UpdatedAt = now,
            Settings = Declared(sender, input.Settings), SealedSecrets = sealing.Seal(DeclaredSecrets(sender, secrets)),
        };
        db.Add(channel);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("notification-channel.create", "NotificationChannel", channel.Id.ToString(),
            $"Created {channel.Type} channel '{channel.Name}' for {await ForWhomAsync(channel.CustomerId, ct)}; events: {string.Join(", ", channel.Events)}.", customerId: channel.CustomerId, ct: ct);
        return Result<ChannelView>.Ok(ToView(channel));
    }

    public async Task<Result<ChannelView>> UpdateAsync(Guid id, ChannelInput input, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.Set<NotificationChannel>().VisibleTo(actor, withShared: false).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null)
            return NotFound();
        input = input with { Type = input.Type ?? channel.Type };
        var secrets = SealedSettings.Merge(sealing.Unseal(channel.SealedSecrets), input.Secrets);
        var check = await ValidateAsync(db, input, secrets, id, actor, ct);
        if (!check.IsValid)
            return await RefusedAsync(check.ToResult<ChannelView>(), "notification-channel.update", id, channel.CustomerId, ct);
        var sender = senders.Find(input.Type)!;
        var replaced = (input.Secrets ?? []).Where(s => !string.IsNullOrEmpty(s.Value)).Select(s => s.Key).ToList();
        (channel.Name, channel.Type, channel.CustomerId, channel.Events, channel.Settings, channel.SealedSecrets, channel.UpdatedAt) =
            (input.Name!.Trim(), sender.Type, input.CustomerId, Events(input), Declared(sender, input.Settings), sealing.Seal(DeclaredSecrets(sender, secrets)), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("notification-channel.update", "NotificationChannel", id.ToString(),
            $"Updated {channel.Type} channel '{channel.Name}' for {await ForWhomAsync(channel.CustomerId, ct)}; events: {string.Join(", ", channel.Events)}"
            + (replaced.Count > 0 ? $"; replaced secrets: {string.Join(", ", replaced)}." : "."), customerId: channel.CustomerId, ct: ct);
        return Result<ChannelView>.Ok(ToView(channel));
    }

    /// <summary>Deletes the channel; its sends still waiting fail with that reason instead of trying a channel that is gone.</summary>
    public async Task<Result<ChannelView>> DeleteAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.Set<NotificationChannel>().VisibleTo(actor, withShared: false).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null)
            return NotFound();
        db.Remove(channel);
        await db.SaveChangesAsync(ct);
        var dropped = await db.Set<Notification>().Where(n => n.ChannelId == id && n.Outcome == NotificationOutcomes.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Outcome, NotificationOutcomes.Failed).SetProperty(n => n.NextAttemptAt, (DateTime?)null)
                .SetProperty(n => n.Error, "The channel was deleted."), ct);
        await audit.RecordAsync("notification-channel.delete", "NotificationChannel", id.ToString(),
            $"Deleted {channel.Type} channel '{channel.Name}'" + (dropped > 0 ? $"; {dropped} waiting send(s) will not be sent." : "."), customerId: channel.CustomerId, ct: ct);
        return Result<ChannelView>.Ok(ToView(channel));
    }

    /// <summary>Posts a <c>test</c> event through the channel now; the send is in the notification log like any other.</summary>
    public async Task<Result<SendResult>> TestAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.Set<NotificationChannel>().VisibleTo(actor, withShared: false).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null || senders.Find(channel.Type) is null)
            return Result<SendResult>.NotFound("No such channel.");
        var customerName = channel.CustomerId is { } customerId ? (await customers.FindAsync(customerId, ct))?.Name : null;
        var outcome = await test.SendAsync(channel, customerName, ct);
        var said = outcome.Ok ? $"Delivered: {outcome.Message}." : $"Not delivered: {outcome.Message}";
        await audit.RecordAsync("notification-channel.test", "NotificationChannel", id.ToString(), $"Tested '{channel.Name}': {said}",
            outcome.Ok ? AuditOutcome.Success : AuditOutcome.Failure, channel.CustomerId, ct);
        return Result<SendResult>.Ok(new SendResult(outcome.Ok, said));
    }

    private async Task<Validation> ValidateAsync(AppDbContext db, ChannelInput input, IReadOnlyDictionary<string, string> secrets, Guid? self, Actor actor, CancellationToken ct)
    {
        var check = new Validation().Require("name", input.Name, "Name", MaxNameLength);
        var sender = senders.Find(input.Type);
        if (sender is null)
            check.Add("type", $"Type must be one of: {string.Join(", ", senders.All.Select(s => s.Type))}.");
        if (input.CustomerId is { } customerId && (await customers.FindAsync(customerId, actor, ct) is null))
            check.Add("customerId", "There is no such customer.");
        if (input.Events is not { Count: > 0 })
            check.Add("events", "Choose at least one event.");
        foreach (var unknown in (input.Events ?? []).Where(e => !AlertKinds.All.Contains(e)).Distinct())
            check.Add("events", $"'{Shorten(unknown ?? "null")}' is not an event; events are: {string.Join(", ", AlertKinds.All)}.");
        var fields = sender?.Fields ?? [];
        SealedSettings.CheckRequired(check, fields.Select(f => (f.Name, f.Label, f.Secret)), input.Settings, secrets.ToDictionary(s => s.Key, s => (string?)s.Value));
        foreach (var field in fields.Where(f => f.IsUrl))
        {
            var value = field.Secret ? secrets.GetValueOrDefault(field.Name) : input.Settings?.GetValueOrDefault(field.Name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
            // The message never repeats the value: a Slack or Teams URL is a secret.
            if (!string.IsNullOrWhiteSpace(value) && !ChannelHttp.IsHttpUrl(value))
                check.Add(field.Secret ? $"secrets.{field.Name}" : $"settings.{field.Name}", $"{field.Label} must be an absolute http:// or https:// URL.");
        }
        var name = input.Name?.Trim();
        if (check.IsValid && await db.Set<NotificationChannel>().AnyAsync(c => c.Name == name && c.Id != self, ct))
            check.Add("name", $"A channel named '{name}' already exists.");
        return check;
    }

    private static List<string> Events(ChannelInput input) => AlertKinds.All.Where(k => input.Events!.Contains(k)).ToList();

    // Only the type's own fields are kept: a URL typed into the wrong place must not end up stored in the open.
    private static Dictionary<string, JsonElement> Declared(IChannelSender sender, Dictionary<string, JsonElement>? settings) =>
        SealedSettings.Clean(settings).Where(s => sender.Fields.Any(f => !f.Secret && f.Name == s.Key)).ToDictionary(s => s.Key, s => s.Value);

    private static Dictionary<string, string> DeclaredSecrets(IChannelSender sender, Dictionary<string, string> secrets) =>
        secrets.Where(s => sender.Fields.Any(f => f.Secret && f.Name == s.Key)).ToDictionary(s => s.Key, s => s.Value.Trim());

    private async Task<string> ForWhomAsync(Guid? customerId, CancellationToken ct) =>
        customerId is { } id ? $"customer '{(await customers.FindAsync(id, ct))?.Name}'" : "every customer";


    private ChannelView ToView(NotificationChannel c) => new(c.Id, c.Name, c.Type, c.CustomerId, c.Events, c.Settings, sealing.Shown(c.SealedSecrets), c.CreatedAt, c.UpdatedAt);

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";

    private static Result<ChannelView> NotFound() => Result<ChannelView>.NotFound("No such channel.");

    private async Task<Result<ChannelView>> RefusedAsync(Result<ChannelView> result, string action, Guid? id, Guid? customerId, CancellationToken ct)
    {
        await audit.RecordAsync(action, "NotificationChannel", id?.ToString(), $"Refused: {result.Message}", AuditOutcome.Failure, customerId, ct);
        return result;
    }
}
