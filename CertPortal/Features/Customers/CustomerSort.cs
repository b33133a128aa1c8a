using CertPortal.Common;

namespace CertPortal.Features.Customers;

/// <summary>Orders of the customer list (<c>?sort=&amp;order=</c>): by name unless asked otherwise.</summary>
public static class CustomerSort
{
    public const string Name = "name";
    public const string Updated = "updated";

    public static readonly IReadOnlyList<string> All = [Name, Updated];

    public static readonly ListSort Default = new(Name, Descending: false);

    internal static IQueryable<Customer> Apply(IQueryable<Customer> query, ListSort sort) => sort.Field switch
    {
        Updated => query.OrderBy(c => c.UpdatedAt, sort.Descending).ThenBy(c => c.Name),
        _ => query.OrderBy(c => c.Name, sort.Descending),
    };
}
