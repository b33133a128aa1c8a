using CertPortal.Common;

namespace CertPortal.Features.Notifications.Channels;

/// <summary>Orders of the channel list: by name unless a column header asks otherwise.</summary>
public static class ChannelSort
{
    public const string Name = "name";
    public const string Type = "type";

    public static readonly IReadOnlyList<string> All = [Name, Type];

    public static readonly ListSort Default = new(Name, Descending: false);

    internal static IQueryable<NotificationChannel> Apply(IQueryable<NotificationChannel> query, ListSort sort) => sort.Field switch
    {
        Type => query.OrderBy(e => e.Type, sort.Descending).ThenBy(e => e.Name),
        _ => query.OrderBy(e => e.Name, sort.Descending),
    };
}
