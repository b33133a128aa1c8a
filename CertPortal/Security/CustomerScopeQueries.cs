namespace CertPortal.Security;

/// <summary>
/// The one place where an actor's customer scope becomes a query condition. Every read of a customer's objects goes
/// through <c>VisibleTo(actor)</c>, so an object of another customer is simply not found (404, absent from lists).
/// </summary>
public static class CustomerScopeQueries
{
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, Actor actor) where T : class, ICustomerOwned
    {
        if (actor.Customers is not { } scope)
            return query;
        var ids = scope.ToList();
        return query.Where(e => ids.Contains(e.CustomerId));
    }

    /// <param name="withShared">Whether a scoped actor also sees objects of no customer: shared ACME accounts and CAs
    /// yes (they may use them), global log entries no.</param>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, Actor actor, bool withShared) where T : class, ICustomerOwnedOrShared
    {
        if (actor.Customers is not { } scope)
            return query;
        var ids = scope.ToList();
        return withShared
            ? query.Where(e => e.CustomerId == null || ids.Contains(e.CustomerId.Value))
            : query.Where(e => e.CustomerId != null && ids.Contains(e.CustomerId.Value));
    }

    /// <summary>Limits a query keyed by customer id (customers themselves, per-customer aggregates). The ids go in as
    /// a captured variable, so EF sends them as a parameter.</summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, Actor actor, System.Linq.Expressions.Expression<Func<T, Guid>> customerOf)
    {
        if (actor.Customers is not { } scope)
            return query;
        var ids = scope.ToList();
        var entity = customerOf.Parameters[0];
        var contains = System.Linq.Expressions.Expression.Call(
            typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid)],
            ((System.Linq.Expressions.Expression<Func<List<Guid>>>)(() => ids)).Body, customerOf.Body);
        return query.Where(System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(contains, entity));
    }

    /// <summary>For a shared object (no customer): a scoped actor may use it but not change, delete or sign with it.</summary>
    public static bool MayChange(this Actor actor, ICustomerOwnedOrShared entity) =>
        entity.CustomerId is { } owner ? actor.CanSee(owner) : !actor.IsScoped;
}
