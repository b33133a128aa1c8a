using CertPortal.Security;

namespace CertPortal.Features.Customers;

public static class CustomerPermissions
{
    /// <summary>See customers (a customer-scoped token: only its own).</summary>
    public const string View = "customers.view";

    /// <summary>Change a customer's name, notes and alert emails (a customer-scoped token: only its own).</summary>
    public const string Edit = "customers.edit";

    /// <summary>Create and delete customers; never through a token limited to one customer.</summary>
    public const string Manage = "customers.manage";

    public static readonly PermissionGrants Grants =
    [
        new(View, Roles.All),
        new(Edit, Roles.Workers),
        new(Manage, Roles.Workers, AllowCustomerScoped: false),
    ];
}
