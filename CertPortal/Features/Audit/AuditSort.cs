using CertPortal.Common;

namespace CertPortal.Features.Audit;

/// <summary>Orders of the audit log (<c>?sort=&amp;order=</c>), newest first unless asked otherwise; ties newest first.</summary>
public static class AuditSort
{
    public const string At = "at";
    public const string User = "user";
    public const string Action = "action";
    public const string EntityType = "entityType";
    public const string Outcome = "outcome";

    public static readonly IReadOnlyList<string> All = [At, User, Action, EntityType, Outcome];

    public static readonly ListSort Default = new(At, Descending: true);

    internal static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query, ListSort sort) => sort.Field switch
    {
        User => query.OrderBy(e => e.Actor, sort.Descending).ThenByDescending(e => e.Id),
        Action => query.OrderBy(e => e.Action, sort.Descending).ThenByDescending(e => e.Id),
        EntityType => query.OrderBy(e => e.EntityType, sort.Descending).ThenByDescending(e => e.Id),
        Outcome => query.OrderBy(e => e.Outcome, sort.Descending).ThenByDescending(e => e.Id),
        _ => query.OrderBy(e => e.Id, sort.Descending),
    };
}
