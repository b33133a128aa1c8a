using CertPortal.Common;

namespace CertPortal.Features.Notifications.Channels;

/// <summary>Orders of the channel list: by name unless a column header asks otherwise.</summary>
public static class ChannelSort
{
    public const string Name = "name";
    public const string Type = "type";
    public const string Customer = "customer";

    /// <summary>What the list shows, and sorts by, for a channel of no one customer.</summary>
    public const string EveryCustomer = "Every customer";

    public static readonly IReadOnlyList<string> All = [Name, Type, Customer];

    public static readonly ListSort Default = new(Name, Descending: false);

    internal static IQueryable<NotificationChannel> Apply(IQueryable<NotificationChannel> query, ListSort sort, IReadOnlyDictionary<string, string> typeLabels, IQueryable<ObjectName> customers) => sort.Field switch
    {
        Type => query.OrderByShown(e => e.Type, typeLabels, sort.Descending).ThenBy(e => e.Name),
        Customer => query.OrderBy(e => customers.Where(n => n.Id == e.CustomerId).Select(n => n.Name).FirstOrDefault() ?? EveryCustomer, sort.Descending).ThenBy(e => e.Name),
        _ => query.OrderBy(e => e.Name, sort.Descending),
    };
}
