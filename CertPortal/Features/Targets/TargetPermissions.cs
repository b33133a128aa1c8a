using CertPortal.Security;

namespace CertPortal.Features.Targets;

public static class TargetPermissions
{
    /// <summary>See targets and their settings; secrets show only as "set".</summary>
    public const string View = "targets.view";

    /// <summary>Create, change, delete and test targets.</summary>
    public const string Manage = "targets.manage";

    public static readonly PermissionGrants Grants =
    [
        new(View, Roles.All),
        new(Manage, Roles.Workers),
    ];
}
