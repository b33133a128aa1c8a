using CertPortal.Common;

namespace CertPortal.Features.Targets;

/// <summary>Orders of the target list: by name unless a column header asks otherwise.</summary>
public static class TargetSort
{
    public const string Name = "name";
    public const string Type = "type";
    public const string Updated = "updated";

    public static readonly IReadOnlyList<string> All = [Name, Type, Updated];

    public static readonly ListSort Default = new(Name, Descending: false);

    internal static IQueryable<Target> Apply(IQueryable<Target> query, ListSort sort) => sort.Field switch
    {
        Type => query.OrderBy(e => e.Type, sort.Descending).ThenBy(e => e.Name),
        Updated => query.OrderBy(e => e.UpdatedAt, sort.Descending).ThenBy(e => e.Name),
        _ => query.OrderBy(e => e.Name, sort.Descending),
    };
}
