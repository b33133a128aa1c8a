using CertPortal.Common;
using CertPortal.Features.Customers;
using CertPortal.Features.Settings;
using CertPortal.Security;

namespace CertPortal.Features.Dashboard.Attention;

/// <summary>
/// The worklist: every slice's items merged, named after their customers and sorted most urgent first — critical
/// before warning, then what ends soonest (the expired first), then what has waited longest.
/// </summary>
public sealed class AttentionList(IEnumerable<IAttentionSource> sources, ICustomerDirectory customers, IAlertRules rules, TimeProvider clock) : IAttentionList
{
    /// <summary>How a shared object (a CA of no customer) names its customer.</summary>
    public const string SharedCustomerName = "Shared";

    public async Task<IReadOnlyList<AttentionItem>> AllAsync(Actor actor, Guid? customerId, CancellationToken ct)
    {
        var expiringDays = (await rules.GetAsync(ct)).WidestThresholdDays;
        if (AttentionScope.For(actor, customerId, clock.GetUtcNow().UtcDateTime, expiringDays) is not { } scope)
            return [];
        // Each source opens its own DbContext and runs on a pool thread (SQLite's provider answers even its async calls
        // synchronously), so they ask the database at the same time.
        var lists = await Task.WhenAll(sources.Select(s => Task.Run(() => s.ListAsync(scope, ct), ct)));
        var names = (await customers.ListAsync(scope.Viewer, ct)).ToDictionary(c => c.Id, c => c.Name);
        return lists.SelectMany(l => l)
            .Where(i => scope.Includes(i.CustomerId)) // a source that forgot the scope still shows nothing of another customer
            .Select(i => i with { CustomerName = names.GetValueOrDefault(i.CustomerId) ?? (i.CustomerId == Guid.Empty ? SharedCustomerName : "—") })
            .Order(MostUrgentFirst.Instance)
            .ToList();
    }

    public async Task<AttentionPage> PageAsync(Actor actor, Guid? customerId, Paging paging, CancellationToken ct)
    {
        var all = await AllAsync(actor, customerId, ct);
        return new AttentionPage(all.Skip(paging.Skip).Take(paging.PageSize).ToList(), all.Count, all.Count(i => i.Severity == AttentionKinds.Critical));
    }

    private sealed class MostUrgentFirst : IComparer<AttentionItem>
    {
        public static readonly MostUrgentFirst Instance = new();

        public int Compare(AttentionItem? x, AttentionItem? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return 1;
            if (y is null) return -1;
            var bySeverity = Rank(x.Severity).CompareTo(Rank(y.Severity));
            if (bySeverity != 0) return bySeverity;
            // Something with an end date comes before something without one; the sooner end first.
            var byEnd = (x.ExpiresAt, y.ExpiresAt) switch
            {
                ({ } a, { } b) => a.CompareTo(b),
                (not null, null) => -1,
                (null, not null) => 1,
                _ => 0,
            };
            if (byEnd != 0) return byEnd;
            var bySince = x.Since.CompareTo(y.Since);
            return bySince != 0 ? bySince : string.Compare(x.Title, y.Title, StringComparison.OrdinalIgnoreCase);
        }

        private static int Rank(string severity) => severity == AttentionKinds.Critical ? 0 : 1;
    }
}
