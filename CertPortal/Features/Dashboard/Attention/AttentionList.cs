using CertPortal.Common;
using CertPortal.Features.Customers;
using CertPortal.Features.Settings;
using CertPortal.Security;

namespace CertPortal.Features.Dashboard.Attention;

/// <summary>
/// The worklist: every slice's items merged, named after their customers and sorted <see cref="MostUrgentFirst"/>.
/// A page asks each source only for its most urgent items up to the page's end, and merges those.
/// </summary>
public sealed class AttentionList(IEnumerable<IAttentionSource> sources, ICustomerDirectory customers, IAlertRules rules, TimeProvider clock) : IAttentionList
{
    /// <summary>How a shared object (a CA of no customer) names its customer.</summary>
    public const string SharedCustomerName = "Shared";

    public async Task<IReadOnlyList<AttentionItem>> AllAsync(Actor actor, Guid? customerId, CancellationToken ct)
    {
        if (await ScopeAsync(actor, customerId, ct) is not { } scope)
            return [];
        // Each source opens its own DbContext and runs on a pool thread (SQLite's provider answers even its async calls
        // synchronously), so they ask the database at the same time.
        var lists = await Task.WhenAll(sources.Select(s => Task.Run(() => s.ListAsync(scope, ct), ct)));
        return await NamedAsync(scope, lists.SelectMany(l => l).Order(MostUrgentFirst.Instance), int.MaxValue, ct);
    }

    public async Task<AttentionPage> PageAsync(Actor actor, Guid? customerId, Paging paging, CancellationToken ct)
    {
        if (await ScopeAsync(actor, customerId, ct) is not { } scope)
            return new AttentionPage([], 0, 0);
        var end = paging.Skip + paging.PageSize;
        var slices = await Task.WhenAll(sources.Select(s => Task.Run(() => s.TopAsync(scope, end, ct), ct)));
        // Every item of the page is among the first `end` of its own source, so merging the slices orders the page exactly.
        var merged = slices.SelectMany(s => s.Top).Order(MostUrgentFirst.Instance).Skip(paging.Skip);
        return new AttentionPage(await NamedAsync(scope, merged, paging.PageSize, ct), slices.Sum(s => s.Total), slices.Sum(s => s.Critical));
    }

    private async Task<AttentionScope?> ScopeAsync(Actor actor, Guid? customerId, CancellationToken ct)
    {
        var expiringDays = (await rules.GetAsync(ct)).WidestThresholdDays;
        return AttentionScope.For(actor, customerId, clock.GetUtcNow().UtcDateTime, expiringDays);
    }

    private async Task<IReadOnlyList<AttentionItem>> NamedAsync(AttentionScope scope, IEnumerable<AttentionItem> ordered, int take, CancellationToken ct)
    {
        var names = (await customers.ListAsync(scope.Viewer, ct)).ToDictionary(c => c.Id, c => c.Name);
        return ordered
            .Where(i => scope.Includes(i.CustomerId)) // a source that forgot the scope still shows nothing of another customer
            .Take(take)
            .Select(i => i with { CustomerName = names.GetValueOrDefault(i.CustomerId) ?? (i.CustomerId == Guid.Empty ? SharedCustomerName : "—") })
            .ToList();
    }
}
