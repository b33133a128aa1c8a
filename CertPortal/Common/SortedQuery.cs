using System.Linq.Expressions;

namespace CertPortal.Common;

/// <summary>Orders a query one way or the other by a key, so a list's <see cref="ListSort"/> becomes one ORDER BY in the database.</summary>
public static class SortedQuery
{
    public static IOrderedQueryable<T> OrderBy<T, TKey>(this IQueryable<T> query, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? query.OrderByDescending(key) : query.OrderBy(key);

    public static IOrderedQueryable<T> ThenBy<T, TKey>(this IOrderedQueryable<T> query, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? query.ThenByDescending(key) : query.ThenBy(key);

    /// <summary>
    /// Orders by what each code is shown as (a vendor's name for a type code), so the order is the one the column
    /// shows; a code without a shown name stands for itself.
    /// </summary>
    public static IOrderedQueryable<T> OrderByShown<T>(this IQueryable<T> query, Expression<Func<T, string>> code, IReadOnlyDictionary<string, string> shown, bool descending)
    {
        var body = code.Body;
        foreach (var (value, name) in shown.OrderBy(p => p.Key, StringComparer.Ordinal))
            body = Expression.Condition(Expression.Equal(code.Body, Expression.Constant(value)), Expression.Constant(name), body);
        return query.OrderBy(Expression.Lambda<Func<T, string>>(body, code.Parameters), descending);
    }
}
