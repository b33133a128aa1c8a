using CertPortal.Common;

namespace CertPortal.Features.Notifications;

/// <summary>Orders of the notification log (<c>?sort=&amp;order=</c>): newest first unless asked otherwise; ties newest first.</summary>
public static class NotificationSort
{
    public const string At = "at";
    public const string Kind = "kind";
    public const string To = "to";
    public const string Subject = "subject";
    public const string Outcome = "outcome";

    public static readonly IReadOnlyList<string> All = [At, Kind, To, Subject, Outcome];

    public static readonly ListSort Default = new(At, Descending: true);

    internal static IQueryable<Notification> Apply(IQueryable<Notification> query, ListSort sort) => sort.Field switch
    {
        Kind => query.OrderBy(n => n.Kind, sort.Descending).ThenByDescending(n => n.At),
        To => query.OrderBy(n => n.To, sort.Descending).ThenByDescending(n => n.At),
        Subject => query.OrderBy(n => n.Subject, sort.Descending).ThenByDescending(n => n.At),
        Outcome => query.OrderBy(n => n.Outcome, sort.Descending).ThenByDescending(n => n.At),
        _ => query.OrderBy(n => n.At, sort.Descending).ThenBy(n => n.To),
    };
}
