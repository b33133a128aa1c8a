namespace CertPortal.Security;

/// <summary>An entity that belongs to exactly one customer. Queries for it go through
/// <see cref="CustomerScopeQueries"/>, so a scoped person or token never sees another customer's.</summary>
public interface ICustomerOwned
{
    Guid CustomerId { get; }
}
