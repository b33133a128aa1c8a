using CertPortal.Security;

namespace CertPortal.Features.Users;

public static class UserPermissions
{
    /// <summary>List, create, change role, disable and reset passwords of users; manage API tokens.</summary>
    public const string Manage = "users.manage";

    public static readonly PermissionGrants Grants =
    [
        new(Manage, [Roles.Admin], AllowCustomerScoped: false),
    ];
}
