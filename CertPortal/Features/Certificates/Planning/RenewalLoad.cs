namespace CertPortal.Features.Certificates.Planning;

/// <summary>
/// What the CAs will count: orders per account per fixed window, certificates per registered domain and per exact
/// identifier set per UTC day (summed over the rolling window when checked). Only events that count are kept;
/// projected ones (after a renewal that has not happened yet) are also kept apart, so the calendar can say so.
/// </summary>
internal sealed class RenewalLoad
{
    private readonly Dictionary<(Guid Account, long Window), LoadCount> _orders = [];
    private readonly Dictionary<(string Ca, string Key), Dictionary<long, LoadCount>> _days = [];

    public void Add(LimitEvent e) => Add(e, e.At);

    public void Add(LimitEvent e, DateTime at)
    {
        var add = new LoadCount(1, e.Projected ? 1 : 0);
        var limits = e.Subject.Limits;
        if (e.CountsOrder)
        {
            var key = (e.Subject.AccountId, PlanningTime.Window(at, limits.OrdersWindowHours));
            _orders[key] = _orders.GetValueOrDefault(key) + add;
        }
        foreach (var key in DayKeys(e))
        {
            if (!_days.TryGetValue(key, out var perDay))
                _days[key] = perDay = [];
            var day = PlanningTime.Day(at);
            perDay[day] = perDay.GetValueOrDefault(day) + add;
        }
    }

    /// <summary>The first limit one more <paramref name="e"/> at <paramref name="at"/> would break, or null when it fits.</summary>
    public LimitBreach? Check(LimitEvent e, DateTime at)
    {
        var limits = e.Subject.Limits;
        if (e.CountsOrder)
        {
            var window = PlanningTime.Window(at, limits.OrdersWindowHours);
            var planned = Orders(e.Subject.AccountId, window).Total;
            if (planned >= limits.OrdersPerAccount)
            {
                var from = PlanningTime.WindowStart(window, limits.OrdersWindowHours);
                return new LimitBreach(LimitKinds.OrdersPerAccount, $"account '{e.Subject.AccountName}'", limits.OrdersPerAccount, planned,
                    from, from.AddHours(limits.OrdersWindowHours), limits);
            }
        }
        var day = PlanningTime.Day(at);
        var width = Math.Max(1, limits.CertificatesWindowDays);
        foreach (var key in DayKeys(e))
        {
            var (kind, max) = key.Key.StartsWith(DomainPrefix, StringComparison.Ordinal)
                ? (LimitKinds.CertificatesPerDomain, limits.CertificatesPerDomain)
                : (LimitKinds.CertificatesPerIdentifierSet, limits.CertificatesPerIdentifierSet);
            for (var start = day - width + 1; start <= day; start++)
            {
                var planned = Sum(key, start, width).Total;
                if (planned >= max)
                    return new LimitBreach(kind, key.Key[(key.Key.IndexOf(':') + 1)..], max, planned,
                        PlanningTime.DayStart(start), PlanningTime.DayStart(start + width), limits);
            }
        }
        return null;
    }

    public LoadCount Orders(Guid account, long window) => _orders.GetValueOrDefault((account, window));

    /// <summary>Certificates naming <paramref name="domain"/> in the rolling window that ends with <paramref name="day"/>.</summary>
    public LoadCount Domain(CaLimits limits, string domain, long day) =>
        Sum((CaKey(limits), DomainPrefix + domain), day - Math.Max(1, limits.CertificatesWindowDays) + 1, Math.Max(1, limits.CertificatesWindowDays));

    /// <summary>Certificates for exactly <paramref name="identifierSet"/> in the rolling window that ends with <paramref name="day"/>.</summary>
    public LoadCount IdentifierSet(CaLimits limits, string identifierSet, long day) =>
        Sum((CaKey(limits), SetPrefix + identifierSet), day - Math.Max(1, limits.CertificatesWindowDays) + 1, Math.Max(1, limits.CertificatesWindowDays));

    private const string DomainPrefix = "domain:";
    private const string SetPrefix = "set:";

    private LoadCount Sum((string Ca, string Key) key, long start, int days)
    {
        if (!_days.TryGetValue(key, out var perDay))
            return default;
        var sum = default(LoadCount);
        for (var day = start; day < start + days; day++)
            sum += perDay.GetValueOrDefault(day);
        return sum;
    }

    private static IEnumerable<(string Ca, string Key)> DayKeys(LimitEvent e)
    {
        var ca = CaKey(e.Subject.Limits);
        if (e.CountsForDomains)
            foreach (var domain in e.Subject.Domains)
                yield return (ca, DomainPrefix + domain);
        if (e.CountsForIdentifierSet)
            yield return (ca, SetPrefix + e.Subject.IdentifierSet);
    }

    // Domains and identifier sets are counted across all accounts of one CA.
    private static string CaKey(CaLimits limits) => limits.DirectoryUrl.TrimEnd('/').ToLowerInvariant();
}

/// <summary>How many events, and how many of them projected.</summary>
internal readonly record struct LoadCount(int Total, int Projected)
{
    public static LoadCount operator +(LoadCount a, LoadCount b) => new(a.Total + b.Total, a.Projected + b.Projected);
}
