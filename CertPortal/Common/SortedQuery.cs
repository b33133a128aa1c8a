using System.Linq.Expressions;

namespace CertPortal.Common;

/// <summary>Orders a query one way or the other by a key, so a list's <see cref="ListSort"/> becomes one ORDER BY in the database.</summary>
public static class SortedQuery
{
    public static IOrderedQueryable<T> OrderBy<T, TKey>(this IQueryable<T> query, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? query.OrderByDescending(key) : query.OrderBy(key);

    public static IOrderedQueryable<T> ThenBy<T, TKey>(this IOrderedQueryable<T> query, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? query.ThenByDescending(key) : query.ThenBy(key);
}
