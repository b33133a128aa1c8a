using CertPortal.Common;

namespace CertPortal.Features.Targets;

/// <summary>Orders of the target list: by name unless a column header asks otherwise.</summary>
public static class TargetSort
{
    public const string Name = "name";
    public const string Type = "type";
    public const string Updated = "updated";
    public const string Customer = "customer";

    public static readonly IReadOnlyList<string> All = [Name, Type, Updated, Customer];

    public static readonly ListSort Default = new(Name, Descending: false);

    internal static IQueryable<Target> Apply(IQueryable<Target> query, ListSort sort, IReadOnlyDictionary<string, string> typeNames, IQueryable<ObjectName> customers) => sort.Field switch
    {
        // By the vendor's name the list shows, not the type's code.
        Type => query.OrderByShown(e => e.Type, typeNames, sort.Descending).ThenBy(e => e.Name),
        Customer => query.OrderBy(e => customers.Where(n => n.Id == e.CustomerId).Select(n => n.Name).FirstOrDefault(), sort.Descending).ThenBy(e => e.Name),
        Updated => query.OrderBy(e => e.UpdatedAt, sort.Descending).ThenBy(e => e.Name),
        _ => query.OrderBy(e => e.Name, sort.Descending),
    };
}
