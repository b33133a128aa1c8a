namespace CertPortal.Security;

/// <summary>An entity that belongs to one customer, or to none: shared by every customer (an ACME account, a CA)
/// or global (an audit entry, a notification). Each query says whether a scoped actor sees the shared ones.</summary>
public interface ICustomerOwnedOrShared
{
    Guid? CustomerId { get; }
}
