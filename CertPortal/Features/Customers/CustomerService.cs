using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Customers;

/// <summary>Customers' use cases; the customers page and /api/v1/customers both call these.</summary>
public sealed class CustomerService(
    IDbContextFactory<AppDbContext> dbFactory,
    IEnumerable<ICustomerDependents> dependents,
    AuditLog audit,
    TimeProvider clock) : ICustomerDirectory, ICustomerAlertEmails
{
    public const int MaxNameLength = 200;
    public const int MaxNotesLength = 4000;
    public const int MaxAlertEmails = 50;

    /// <summary>The customers the actor sees, by name unless <paramref name="sort"/> (<see cref="CustomerSort"/>) says otherwise.</summary>
    public async Task<PagedList<CustomerView>> ListAsync(string? search, Paging paging, Actor actor, CancellationToken ct = default, ListSort? sort = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<Customer>().AsNoTracking();
        query = query.VisibleTo(actor, c => c.Id);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = TextSearch.Term(search);
            query = query.Where(c => c.Name.ToLower().Contains(term) || c.Notes.ToLower().Contains(term));
        }
        var total = await query.CountAsync(ct);
        var items = await CustomerSort.Apply(query, sort ?? CustomerSort.Default).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<CustomerView>(items.Select(CustomerView.From).ToList(), total);
    }

    public async Task<Result<CustomerView>> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Another customer's id looks exactly like an unknown one to a scoped person or token.
        var customer = await db.Set<Customer>().VisibleTo(actor, c => c.Id).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return customer is null
            ? Result<CustomerView>.NotFound("No such customer.")
            : Result<CustomerView>.Ok(CustomerView.From(customer));
    }

    public async Task<Result<CustomerView>> CreateAsync(CustomerInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (name, notes, emails, check) = await ValidateAsync(db, input, null, ct);
        if (!check.IsValid)
            return await RefusedAsync(check.ToResult<CustomerView>(), "customer.create", null, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var customer = new Customer { Id = Guid.NewGuid(), Name = name, Notes = notes, AlertEmails = emails, CreatedAt = now, UpdatedAt = now };
        db.Add(customer);
        if (!await TrySaveAsync(db, ct))
            return await RefusedAsync(DuplicateName(name), "customer.create", null, ct);
        await audit.RecordAsync("customer.create", "Customer", customer.Id.ToString(), $"Created customer '{name}'.", customerId: customer.Id, ct: ct);
        return Result<CustomerView>.Ok(CustomerView.From(customer));
    }

    public async Task<Result<CustomerView>> UpdateAsync(Guid id, CustomerInput input, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Set<Customer>().VisibleTo(actor, c => c.Id).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
            return Result<CustomerView>.NotFound("No such customer.");
        var (name, notes, emails, check) = await ValidateAsync(db, input, id, ct);
        if (!check.IsValid)
            return await RefusedAsync(check.ToResult<CustomerView>(), "customer.update", id, ct);

        var changes = Describe(customer, name, notes, emails);
        (customer.Name, customer.Notes, customer.AlertEmails, customer.UpdatedAt) = (name, notes, emails, clock.GetUtcNow().UtcDateTime);
        if (!await TrySaveAsync(db, ct))
            return await RefusedAsync(DuplicateName(name), "customer.update", id, ct);
        await audit.RecordAsync("customer.update", "Customer", id.ToString(), $"Updated customer '{name}': {changes}.", customerId: id, ct: ct);
        return Result<CustomerView>.Ok(CustomerView.From(customer));
    }

    public async Task<Result<CustomerView>> DeleteAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Set<Customer>().VisibleTo(actor, c => c.Id).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
            return Result<CustomerView>.NotFound("No such customer.");

        var owned = new List<string>();
        foreach (var slice in dependents)
            if (await slice.DescribeAsync(id, ct) is { } description)
                owned.Add(description);
        if (owned.Count > 0)
            return await RefusedAsync(Result<CustomerView>.Conflict(
                $"Customer '{customer.Name}' still has {string.Join(", ", owned)}. Remove or move them first."), "customer.delete", id, ct);

        db.Remove(customer);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("customer.delete", "Customer", id.ToString(), $"Deleted customer '{customer.Name}'.", customerId: id, ct: ct);
        return Result<CustomerView>.Ok(CustomerView.From(customer));
    }

    async Task<CustomerRef?> ICustomerDirectory.FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Customer>().Where(c => c.Id == id).Select(c => new CustomerRef(c.Id, c.Name)).SingleOrDefaultAsync(ct);
    }

    async Task<CustomerRef?> ICustomerDirectory.FindAsync(Guid id, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Customer>().VisibleTo(actor, c => c.Id).Where(c => c.Id == id).Select(c => new CustomerRef(c.Id, c.Name)).SingleOrDefaultAsync(ct);
    }

    IQueryable<ObjectName> ICustomerDirectory.Names(AppDbContext db) =>
        db.Set<Customer>().AsNoTracking().Select(c => new ObjectName { Id = c.Id, Name = c.Name });

    async Task<IReadOnlyList<CustomerRef>> ICustomerDirectory.ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Customer>().OrderBy(c => c.Name).Select(c => new CustomerRef(c.Id, c.Name)).ToListAsync(ct);
    }

    async Task<IReadOnlyList<CustomerRef>> ICustomerDirectory.ListAsync(Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Customer>().VisibleTo(actor, c => c.Id).OrderBy(c => c.Name).Select(c => new CustomerRef(c.Id, c.Name)).ToListAsync(ct);
    }

    async Task<IReadOnlyDictionary<Guid, CustomerRecipients>> ICustomerAlertEmails.RecipientsAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken ct)
    {
        if (customerIds.Count == 0)
            return new Dictionary<Guid, CustomerRecipients>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One JSON parameter however many ids (a list of parameters is bound one by one).
        var ids = customerIds.Distinct().ToList();
        var rows = await db.Set<Customer>().AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.Id)).Select(c => new { c.Id, c.Name, c.AlertEmails }).ToListAsync(ct);
        return rows.ToDictionary(c => c.Id, c => new CustomerRecipients(c.Name, c.AlertEmails ?? []));
    }

    private static async Task<(string Name, string Notes, List<string> Emails, Validation Check)> ValidateAsync(
        AppDbContext db, CustomerInput input, Guid? self, CancellationToken ct)
    {
        var name = input.Name?.Trim() ?? "";
        var notes = input.Notes?.Trim() ?? "";
        var emails = (input.AlertEmails ?? []).Select(e => e?.Trim() ?? "").Where(e => e.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var check = new Validation()
            .Require("name", name, "Name", MaxNameLength)
            .MaxLength("notes", notes, "Notes", MaxNotesLength);
        foreach (var email in emails.Where(e => !Validation.IsEmailAddress(e)))
            check.Add("alertEmails", $"'{Shorten(email)}' is not a valid email address.");
        if (emails.Count > MaxAlertEmails)
            check.Add("alertEmails", $"At most {MaxAlertEmails} alert emails.");
        // Only a name that passed is looked up: PostgreSQL refuses a query parameter holding a NUL.
        if (name.Length > 0 && check.IsValid && await db.Set<Customer>().AnyAsync(c => c.Name == name && c.Id != self, ct))
            check.Add("name", $"A customer named '{name}' already exists.");
        return (name, notes, emails, check);
    }

    private static Result<CustomerView> DuplicateName(string name) => Result<CustomerView>.Invalid("name", $"A customer named '{name}' already exists.");

    // Two people saving the same new name at once: the unique index decides, the loser gets the same message.
    private static async Task<bool> TrySaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true)
        {
            return false;
        }
    }

    private static string Describe(Customer before, string name, string notes, List<string> emails)
    {
        var parts = new List<string>();
        if (before.Name != name) parts.Add($"name '{before.Name}' → '{name}'");
        if (before.Notes != notes) parts.Add("notes");
        if (!before.AlertEmails.SequenceEqual(emails)) parts.Add($"alert emails ({emails.Count})");
        return parts.Count == 0 ? "no changes" : string.Join(", ", parts);
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";

    private async Task<Result<CustomerView>> RefusedAsync(Result<CustomerView> result, string action, Guid? id, CancellationToken ct)
    {
        await audit.RecordAsync(action, "Customer", id?.ToString(), $"Refused: {result.Message}", AuditOutcome.Failure, customerId: id, ct: ct);
        return result;
    }
}
